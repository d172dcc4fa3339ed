package uk.gov.hertfordshire.platform.events.content;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A community listing was moderated: published or rejected by a publisher, or returned to
 * moderation after enough reports. Neither the contributor nor the reason is carried.
 *
 * @param contentId the listing's content item UUID
 * @param outcome one of {@link #OUTCOMES}
 * @param moderatedAt when
 */
public record ContributionModerated(String contentId, String outcome, Instant moderatedAt)
        implements DomainEvent {

    public static final EventType<ContributionModerated> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.content.contribution-moderated.v1",
                    Topics.CONTENT,
                    "/content-service",
                    ContributionModerated.class);

    public static final String PUBLISHED = "published";
    public static final String REJECTED = "rejected";
    public static final String RETURNED_TO_MODERATION = "returned_to_moderation";

    /** Every outcome, in a stable order. */
    public static final List<String> OUTCOMES =
            List.of(PUBLISHED, REJECTED, RETURNED_TO_MODERATION);

    public ContributionModerated {
        EventFields.uuid(contentId, "contentId");
        EventFields.oneOf(outcome, OUTCOMES, "outcome");
        EventFields.required(moderatedAt, "moderatedAt");
    }

    @Override
    public String aggregateId() {
        return contentId;
    }

    @Override
    public Instant occurredAt() {
        return moderatedAt;
    }
}
