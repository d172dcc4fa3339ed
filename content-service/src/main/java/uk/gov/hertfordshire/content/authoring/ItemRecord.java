package uk.gov.hertfordshire.content.authoring;

import java.time.Instant;
import java.util.UUID;

/**
 * An item as stored: its identity, path and workflow state, without the text (which is in its
 * revisions).
 *
 * @param path where the item is: the channels serve its live revision here
 * @param stagedPath the path an edit gave a live item, waiting with that edit's revision for
 *     approval (ADR 14: a draft is invisible on the channels); null when the edit kept the path or
 *     nothing is live
 * @param liveRevision the revision the channels serve, or null when nothing is served
 * @param version bumped by every change; the ETag
 * @param publishAt when the scheduled revision goes live (while {@code scheduled})
 * @param unpublishAt when the live revision comes off the channels ({@link #liveUntil}); while a
 *     schedule waits with nothing live, the scheduled revision's removal as well, where the
 *     previous version of the service reads it (migration 9)
 * @param scheduledUnpublishAt when the scheduled revision comes off once live, while {@code
 *     scheduled} (null: it stays); kept apart from {@code unpublishAt}, so scheduling a successor
 *     never moves the live revision's removal
 */
public record ItemRecord(
        UUID id,
        ContentType type,
        String path,
        String stagedPath,
        ContentStatus status,
        int latestRevision,
        Integer liveRevision,
        int version,
        Instant publishAt,
        Instant unpublishAt,
        Instant scheduledUnpublishAt,
        Instant publishedAt,
        String reviewNote,
        Instant createdAt,
        Instant updatedAt) {

    /** A new item at revision 1, nothing live. */
    static ItemRecord created(
            UUID id, ContentType type, String path, ContentStatus status, Instant now) {
        return new ItemRecord(
                id, type, path, null, status, 1, null, 1, null, null, null, null, null, now, now);
    }

    /** The strong entity tag of this state, quoted as HTTP wants it. */
    public String etag() {
        return "\"" + id + "-v" + version + "\"";
    }

    /**
     * This item in another workflow state; it keeps its publication time only while something is
     * live, and a state change clears any review note and a scheduled revision's removal (a
     * schedule sets that with {@link #withScheduledUnpublishAt}). A staged path waits only while
     * something is live: with nothing live there is no page to move, so it becomes the item's path.
     */
    ItemRecord withState(
            ContentStatus status,
            int latest,
            Integer live,
            Instant publishAt,
            Instant unpublishAt) {
        return new ItemRecord(
                id,
                type,
                live == null ? draftPath() : path,
                live == null ? null : stagedPath,
                status,
                latest,
                live,
                version,
                publishAt,
                unpublishAt,
                null,
                live == null ? null : publishedAt,
                null,
                createdAt,
                updatedAt);
    }

    /**
     * This item with the path an edit gives it: at once while nothing is live; while a revision is
     * live, staged until the edit is approved (the live page stays where it is).
     */
    ItemRecord withEditedPath(String edited) {
        if (liveRevision == null) {
            return withPaths(edited, null);
        }
        return withPaths(path, edited.equals(path) ? null : edited);
    }

    /** The path of the latest revision, where it is served once live: the staged one, if any. */
    String draftPath() {
        return stagedPath == null ? path : stagedPath;
    }

    private ItemRecord withPaths(String newPath, String newStagedPath) {
        return new ItemRecord(
                id,
                type,
                newPath,
                newStagedPath,
                status,
                latestRevision,
                liveRevision,
                version,
                publishAt,
                unpublishAt,
                scheduledUnpublishAt,
                publishedAt,
                reviewNote,
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

    /**
     * This item with the removal its scheduled revision takes when it goes live; null, none. An
     * instance of the previous version knows only {@code unpublish_at}: with nothing live it holds
     * the same time (what that version reads when it fires the schedule), and while a revision is
     * live it holds that revision's own removal.
     */
    ItemRecord withScheduledUnpublishAt(Instant removal) {
        return new ItemRecord(
                id,
                type,
                path,
                stagedPath,
                status,
                latestRevision,
                liveRevision,
                version,
                publishAt,
                liveRevision == null ? removal : unpublishAt,
                removal,
                publishedAt,
                reviewNote,
                createdAt,
                updatedAt);
    }

    /**
     * When the scheduled revision comes off once its schedule fires: its own removal; for a
     * schedule an instance of the previous version took (migration 9), with nothing live, the one
     * that version kept in {@code unpublish_at}.
     */
    Instant scheduledUntil() {
        if (scheduledUnpublishAt != null) {
            return scheduledUnpublishAt;
        }
        return liveRevision == null ? unpublishAt : null;
    }

    /** This item with a reviewer's note. */
    ItemRecord withNote(String note) {
        return new ItemRecord(
                id,
                type,
                path,
                stagedPath,
                status,
                latestRevision,
                liveRevision,
                version,
                publishAt,
                unpublishAt,
                scheduledUnpublishAt,
                publishedAt,
                note,
                createdAt,
                updatedAt);
    }
}
