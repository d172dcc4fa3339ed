package uk.gov.hertfordshire.content.authoring;

import java.time.Instant;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.platform.events.content.AlertEnded;
import uk.gov.hertfordshire.platform.events.content.AlertRaised;
import uk.gov.hertfordshire.platform.events.content.ContentPublished;
import uk.gov.hertfordshire.platform.events.content.ContentUnpublished;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * An item going live and coming off the channels, with the events that tell them (an alert's too),
 * in the caller's transaction with the item's row already locked. Whether it may go live (gates,
 * four-eyes) is decided before: {@link PublishChecks}.
 */
@Component
class Publication {

    private final ItemRepository items;
    private final Outbox outbox;

    Publication(ItemRepository items, Outbox outbox) {
        this.items = items;
        this.outbox = outbox;
    }

    /**
     * The item live at its latest revision from {@code now}, until {@code unpublishAt} if set, and
     * at that revision's path: a path its edit staged moves the page now.
     */
    ItemRecord publish(ItemRecord before, Revision latest, Instant unpublishAt, Instant now) {
        int revision = before.latestRevision();
        announce(before, revision, latest.content(), now);
        Instant comesOff = unpublishAt;
        if (before.type() == ContentType.ALERT && comesOff == null) {
            comesOff = latest.content().endsAt(); // an alert comes off when it ends
        }
        return new ItemRecord(
                before.id(),
                before.type(),
                before.draftPath(),
                null,
                ContentStatus.PUBLISHED,
                revision,
                revision,
                before.version(),
                null,
                comesOff,
                null,
                now,
                null,
                before.createdAt(),
                now);
    }

    /**
     * Tells the channels a revision is live ({@code content.published}, and {@code alert.raised}
     * for an alert), marks it announced and indexes its words: on publishing, and for a live
     * revision never announced (the seeded items).
     */
    void announce(ItemRecord item, int revision, ItemContent content, Instant at) {
        outbox.append(new ContentPublished(item.id().toString(), revision, content.channels(), at));
        if (item.type() == ContentType.ALERT) {
            outbox.append(
                    new AlertRaised(
                            item.id().toString(),
                            revision,
                            content.priority(),
                            content.channels(),
                            content.startsAt(),
                            content.endsAt(),
                            at));
        }
        items.markAnnounced(item.id(), revision);
        items.rememberWords(item.id(), revision);
    }

    /**
     * Publishes a scheduled item whose time has come (its schedule was approved), until the
     * scheduled revision's own removal: the revision it replaces takes its removal time with it.
     */
    void publishScheduled(ItemRecord scheduled, Instant now) {
        Revision latest = items.revision(scheduled.id(), scheduled.latestRevision()).orElseThrow();
        // Its gates were passed when a publisher scheduled it.
        items.update(publish(scheduled, latest, scheduled.scheduledUntil(), now), now);
    }

    /**
     * Takes a live item off at its unpublish time. A schedule waiting for a newer revision stays,
     * with that revision's own removal (now in {@code unpublish_at} too, with nothing live).
     */
    void unpublishDue(ItemRecord item, Instant now) {
        outbox.append(new ContentUnpublished(item.id().toString(), item.liveRevision(), now));
        alertEnded(item, now);
        if (item.status() == ContentStatus.SCHEDULED) {
            items.update(
                    item.withState(
                                    ContentStatus.SCHEDULED,
                                    item.latestRevision(),
                                    null,
                                    item.publishAt(),
                                    null)
                            .withScheduledUnpublishAt(item.scheduledUntil()),
                    now);
            return;
        }
        ContentStatus status =
                item.status() == ContentStatus.PUBLISHED ? ContentStatus.DRAFT : item.status();
        items.update(
                item.withState(status, item.latestRevision(), null, item.publishAt(), null), now);
    }

    /** A live alert coming off the channels (nothing for other types). */
    void alertEnded(ItemRecord item, Instant now) {
        if (item.type() == ContentType.ALERT) {
            outbox.append(new AlertEnded(item.id().toString(), now));
        }
    }
}
