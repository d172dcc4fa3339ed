package uk.gov.hertfordshire.platform.events.content;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A reader said a content item answered their question: a contact the council avoided, counted once
 * per item, client address and day before it is emitted (the address itself is not carried).
 *
 * @param feedbackId the feedback's UUID, unique per counted answer
 * @param contentId the content item's UUID; the aggregate id
 * @param revision the live revision that was read, from 1
 * @param channel the channel it was read on, one of {@link ContentPublished#CHANNELS}
 * @param serviceCodes the catalogue services the item answers (each counted once), possibly none
 * @param receivedAt when the answer was given
 */
public record FeedbackReceived(
        String feedbackId,
        String contentId,
        int revision,
        String channel,
        List<String> serviceCodes,
        Instant receivedAt)
        implements DomainEvent {

    public static final EventType<FeedbackReceived> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.content.feedback-received.v1",
                    Topics.CONTENT,
                    "/content-service",
                    FeedbackReceived.class);

    public FeedbackReceived {
        EventFields.uuid(feedbackId, "feedbackId");
        EventFields.uuid(contentId, "contentId");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be 1 or more but was " + revision);
        }
        EventFields.oneOf(channel, ContentPublished.CHANNELS, "channel");
        serviceCodes = EventFields.distinct(serviceCodes, "serviceCodes");
        serviceCodes.forEach(code -> EventFields.matching(code, EventFields.CODE, "serviceCodes"));
        EventFields.required(receivedAt, "receivedAt");
    }

    @Override
    public String aggregateId() {
        return contentId;
    }

    @Override
    public Instant occurredAt() {
        return receivedAt;
    }
}
