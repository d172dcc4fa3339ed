package uk.gov.hertfordshire.content.authoring;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Publishes scheduled items when their time comes and unpublishes items at their unpublish time,
 * within {@code platform.content.schedule.watch-interval} (default 15 seconds) of it. Schedules
 * live in the database, so one that fell due while the service was down fires when it starts; rows
 * are claimed with {@code FOR UPDATE SKIP LOCKED}, so two instances never fire one twice. It also
 * announces any live revision whose {@code content.published} was never emitted (the seeded items).
 */
@Component
class PublicationWatch {

    static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(PublicationWatch.class);

    private final JdbcClient jdbc;
    private final ItemRepository items;
    private final Publication publication;
    private final TransactionOperations transactions;
    private final Clock clock;

    PublicationWatch(
            JdbcClient jdbc,
            ItemRepository items,
            Publication publication,
            TransactionOperations transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.items = items;
        this.publication = publication;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${platform.content.schedule.watch-interval:PT15S}",
            initialDelayString = "${platform.content.schedule.initial-delay:PT2S}")
    void watch() {
        runDue();
    }

    /**
     * Every due change, a batch (a transaction) at a time.
     *
     * @return how many were made
     */
    int runDue() {
        int total = 0;
        int done;
        do {
            done = batch();
            total += done;
        } while (done >= BATCH);
        return total;
    }

    /**
     * One batch. Two instances publishing items with words in common add them to {@code
     * search_word} in different orders, and PostgreSQL may end one side of the deadlock: that batch
     * rolled back whole, so it is tried again (a few times), now behind the other's commit.
     */
    private int batch() {
        for (int attempt = 1; ; attempt++) {
            try {
                Integer done = transactions.execute(status -> scan());
                return done == null ? 0 : done;
            } catch (PessimisticLockingFailureException deadlock) {
                if (attempt == 3) {
                    throw deadlock;
                }
                log.info(
                        "Publication watch met another instance's publication ({}); trying again",
                        deadlock.getClass().getSimpleName());
            }
        }
    }

    /**
     * One batch of due changes, in the caller's transaction; how many were made. A live revision
     * whose removal came before the schedule that replaces it comes off first (its {@code
     * content.unpublished}, then the successor's {@code content.published}), even when both fell
     * due since the last scan; one whose removal is not before that schedule is replaced by it
     * instead, never taken off. A schedule is not fired while the live revision's earlier removal
     * waits (more were due than a batch holds): it fires in a later batch, after that removal.
     * Removals are looked for again after publishing, for a scheduled revision whose own removal is
     * due too (after the service was down).
     */
    int scan() {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        int done = unpublishDue(now);
        for (UUID id :
                claim(
                        "status = 'scheduled' AND publish_at <= :now AND (live_revision IS NULL"
                                + " OR unpublish_at IS NULL OR unpublish_at >= publish_at) ORDER"
                                + " BY publish_at",
                        now)) {
            publication.publishScheduled(items.find(id).orElseThrow(), now);
            done++;
        }
        done += unpublishDue(now);
        for (UUID id :
                claim(
                        "live_revision IS NOT NULL AND announced_revision IS DISTINCT FROM"
                                + " live_revision",
                        now)) {
            ItemRecord item = items.find(id).orElseThrow();
            Revision live = items.revision(id, item.liveRevision()).orElseThrow();
            publication.announce(
                    item,
                    item.liveRevision(),
                    live.content(),
                    item.publishedAt() == null ? now : item.publishedAt());
            done++;
        }
        return done;
    }

    /**
     * Takes off each live revision whose removal is due, unless a schedule replaces it no later
     * (the publication step does that; while {@code scheduled}, an {@code unpublish_at} not before
     * {@code publish_at} is the scheduled revision's removal, {@link ItemRecord#scheduledUntil}).
     */
    private int unpublishDue(Instant now) {
        int done = 0;
        for (UUID id :
                claim(
                        "live_revision IS NOT NULL AND unpublish_at <= :now AND (status <>"
                                + " 'scheduled' OR unpublish_at < publish_at) ORDER BY"
                                + " unpublish_at",
                        now)) {
            publication.unpublishDue(items.find(id).orElseThrow(), now);
            done++;
        }
        return done;
    }

    private List<UUID> claim(String condition, Instant now) {
        return jdbc.sql(
                        "SELECT id FROM content_item WHERE "
                                + condition
                                + " LIMIT "
                                + BATCH
                                + " FOR UPDATE SKIP LOCKED")
                .param("now", java.sql.Timestamp.from(now))
                .query(UUID.class)
                .list();
    }
}
