package uk.gov.hertfordshire.platform.events.content;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A content item was taken off every channel (by a publisher, or at its scheduled time); it may be
 * published again later as a higher revision.
 *
 * @param contentId the content item's UUID
 * @param revision the revision that was live until now, from 1
 * @param unpublishedAt when it was taken off
 */
public record ContentUnpublished(String contentId, int revision, Instant unpublishedAt)
        implements DomainEvent {

    public static final EventType<ContentUnpublished> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.content.unpublished.v1",
                    Topics.CONTENT,
                    "/content-service",
                    ContentUnpublished.class);

    public ContentUnpublished {
        EventFields.uuid(contentId, "contentId");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be 1 or more but was " + revision);
        }
        EventFields.required(unpublishedAt, "unpublishedAt");
    }

    @Override
    public String aggregateId() {
        return contentId;
    }

    @Override
    public Instant occurredAt() {
        return unpublishedAt;
    }
}
