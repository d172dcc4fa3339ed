package uk.gov.hertfordshire.platform.events.content;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A live alert came off the channels: at its end time, or unpublished or archived by a publisher.
 *
 * @param contentId the alert's content item UUID
 * @param endedAt when it came off
 */
public record AlertEnded(String contentId, Instant endedAt) implements DomainEvent {

    public static final EventType<AlertEnded> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.content.alert-ended.v1",
                    Topics.CONTENT,
                    "/content-service",
                    AlertEnded.class);

    public AlertEnded {
        EventFields.uuid(contentId, "contentId");
        EventFields.required(endedAt, "endedAt");
    }

    @Override
    public String aggregateId() {
        return contentId;
    }

    @Override
    public Instant occurredAt() {
        return endedAt;
    }
}
