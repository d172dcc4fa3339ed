package uk.gov.hertfordshire.platform.events.content;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A citizen submitted a community listing; it waits for moderation. Who submitted it is not
 * carried.
 *
 * @param contentId the listing's content item UUID
 * @param submittedAt when it was submitted
 */
public record ContributionSubmitted(String contentId, Instant submittedAt) implements DomainEvent {

    public static final EventType<ContributionSubmitted> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.content.contribution-submitted.v1",
                    Topics.CONTENT,
                    "/content-service",
                    ContributionSubmitted.class);

    public ContributionSubmitted {
        EventFields.uuid(contentId, "contentId");
        EventFields.required(submittedAt, "submittedAt");
    }

    @Override
    public String aggregateId() {
        return contentId;
    }

    @Override
    public Instant occurredAt() {
        return submittedAt;
    }
}
