package uk.gov.hertfordshire.platform.events.content;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A content item was archived: it is on no channel and is kept only for its history. One event per
 * change: archiving a live item emits this, not also {@link ContentUnpublished}.
 *
 * @param contentId the content item's UUID
 * @param wasLive whether it was on a channel until now
 * @param archivedAt when it was archived
 */
public record ContentArchived(String contentId, boolean wasLive, Instant archivedAt)
        implements DomainEvent {

    public static final EventType<ContentArchived> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.content.archived.v1",
                    Topics.CONTENT,
                    "/content-service",
                    ContentArchived.class);

    public ContentArchived {
        EventFields.uuid(contentId, "contentId");
        EventFields.required(archivedAt, "archivedAt");
    }

    @Override
    public String aggregateId() {
        return contentId;
    }

    @Override
    public Instant occurredAt() {
        return archivedAt;
    }
}
