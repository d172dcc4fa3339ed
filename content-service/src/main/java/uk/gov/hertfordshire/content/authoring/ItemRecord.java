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

    /** A new item at revision 1, nothing live. */
    static ItemRecord created(
            UUID id, ContentType type, String path, ContentStatus status, Instant now) {
        return new ItemRecord(id, type, path, status, 1, null, 1, null, null, null, null, now, now);
    }

    /** The strong entity tag of this state, quoted as HTTP wants it. */
    public String etag() {
        return "\"" + id + "-v" + version + "\"";
    }

    /**
     * This item in another workflow state; it keeps its publication time only while something is
     * live, and a state change clears any review note.
     */
    ItemRecord withState(
            String path,
            ContentStatus status,
            int latest,
            Integer live,
            Instant publishAt,
            Instant unpublishAt) {
        return new ItemRecord(
                id,
                type,
                path,
                status,
                latest,
                live,
                version,
                publishAt,
                unpublishAt,
                live == null ? null : publishedAt,
                null,
                createdAt,
                updatedAt);
    }

    /**
     * When the live revision comes off the channels ({@code unpublishAt} while something is live):
     * an edit or the review of a newer revision keeps it, since the live revision stays live.
     */
    Instant liveUntil() {
        return liveRevision == null ? null : unpublishAt;
    }

    /** This item with a reviewer's note. */
    ItemRecord withNote(String note) {
        return new ItemRecord(
                id,
                type,
                path,
                status,
                latestRevision,
                liveRevision,
                version,
                publishAt,
                unpublishAt,
                publishedAt,
                note,
                createdAt,
                updatedAt);
    }
}
