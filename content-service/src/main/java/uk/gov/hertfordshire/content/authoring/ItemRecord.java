package uk.gov.hertfordshire.content.authoring;

import java.time.Instant;
import java.util.UUID;

/**
 * An item as stored: its identity, path and workflow state, without the text (which is in its
 * revisions).
 *
 * @param liveRevision the revision the channels serve, or null when nothing is served
 * @param version bumped by every change; the ETag
 */
public record ItemRecord(
        UUID id,
        ContentType type,
        String path,
        ContentStatus status,
        int latestRevision,
        Integer liveRevision,
        int version,
        Instant publishAt,
        Instant unpublishAt,
        Instant publishedAt,
        String reviewNote,
        Instant createdAt,
        Instant updatedAt) {

    /** The strong entity tag of this state, quoted as HTTP wants it. */
    public String etag() {
        return "\"" + id + "-v" + version + "\"";
    }
}
