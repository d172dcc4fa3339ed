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
 * @param unpublishAt when the live revision comes off the channels ({@link #liveUntil}); while
 *     {@code scheduled}, that only while it is before {@code publishAt}: otherwise (nothing live,
 *     or a live revision the schedule replaces first) the scheduled revision's removal, where the
 *     previous version of the service reads and writes it (migration 9)
 * @param scheduledUnpublishAt when the scheduled revision comes off once live, while {@code
 *     scheduled} (null: it stays); kept apart from {@code unpublishAt}, so scheduling a successor
 *     never moves a live revision's removal that comes first
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
     * an edit or the review of a newer revision keeps it, since the live revision stays live. While
     * {@code scheduled}, only a removal before {@code publishAt}: one not before it never happens
     * (the schedule replaces the live revision first), and {@code unpublishAt} then holds the
     * scheduled revision's removal.
     */
    Instant liveUntil() {
        if (liveRevision == null || scheduleComesFirst()) {
            return null;
        }
        return unpublishAt;
    }

    /**
     * Whether {@code unpublishAt}, while {@code scheduled}, is not before the schedule: then it is
     * the scheduled revision's removal (as either version writes it), not a live revision's.
     */
    private boolean scheduleComesFirst() {
        return status == ContentStatus.SCHEDULED
                && unpublishAt != null
                && publishAt != null
                && !unpublishAt.isBefore(publishAt);
    }

    /**
     * This item (scheduled) with the removal its scheduled revision takes when it goes live; null,
     * none. The live revision's removal stays in {@code unpublishAt} only if it comes before {@code
     * publishAt}; otherwise the schedule replaces the live revision first (and the only way to drop
     * a schedule, unpublishing, takes the live revision off too), so {@code unpublishAt} holds the
     * scheduled revision's removal instead. That is where an instance of the previous version of
     * the service, which knows only {@code unpublish_at}, reads it when it fires the schedule, so
     * it neither loses that removal nor gives the successor the live revision's (migration 9).
     */
    ItemRecord withScheduledUnpublishAt(Instant removal) {
        boolean liveComesOffFirst =
                liveRevision != null
                        && unpublishAt != null
                        && publishAt != null
                        && unpublishAt.isBefore(publishAt);
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
                liveComesOffFirst ? unpublishAt : removal,
                removal,
                publishedAt,
                reviewNote,
                createdAt,
                updatedAt);
    }

    /**
     * When the scheduled revision comes off once its schedule fires: its own removal. For a
     * schedule an instance of the previous version took (migration 9), which left {@code
     * scheduled_unpublish_at} null, it is the {@code unpublish_at} that version wrote, after {@code
     * publishAt} whether or not a revision is live; an {@code unpublish_at} before {@code
     * publishAt} is the live revision's, never the scheduled one's.
     */
    Instant scheduledUntil() {
        if (scheduledUnpublishAt != null) {
            return scheduledUnpublishAt;
        }
        return scheduleComesFirst() ? unpublishAt : null;
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
