package uk.gov.hertfordshire.care.clocks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.platform.events.care.ClockApproaching;
import uk.gov.hertfordshire.platform.events.care.ClockBreached;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Watches running clocks and emits, once per clock, "approaching" when it is within {@code
 * platform.care.clocks.approaching-within} of its due time and "breached" once that has passed. As
 * case-service's {@code TargetWatch}: rows are claimed {@code FOR UPDATE SKIP LOCKED} and the flag
 * commits with the outbox row, so two instances never emit the same event twice. A clock first seen
 * already past due (the watch was down) gets only the breach.
 */
@Component
public class ClockWatch {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Outbox outbox;
    private final Clock clock;
    private final ClockProperties targets;

    ClockWatch(
            JdbcClient jdbc,
            TransactionOperations transactions,
            Outbox outbox,
            Clock clock,
            ClockProperties targets) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
        this.targets = targets;
    }

    @Scheduled(
            fixedDelayString = "${platform.care.clocks.watch-interval:PT1M}",
            initialDelayString = "${platform.care.clocks.watch-interval:PT1M}")
    void watch() {
        Integer emitted;
        do {
            emitted = transactions.execute(status -> scan());
        } while (emitted != null && emitted >= BATCH);
    }

    /**
     * Emits the due events for one batch of clocks.
     *
     * @return how many events were emitted
     */
    @Transactional
    public int scan() {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        int emitted = 0;
        for (Due due : claim(true, now)) {
            outbox.append(
                    new ClockBreached(due.referralId().toString(), due.kind(), due.dueAt(), now));
            mark(due, now, true);
            emitted++;
        }
        for (Due due : claim(false, now.plus(targets.approachingWithin()))) {
            outbox.append(
                    new ClockApproaching(
                            due.referralId().toString(), due.kind(), due.dueAt(), now));
            mark(due, now, false);
            emitted++;
        }
        return emitted;
    }

    private List<Due> claim(boolean breached, Instant dueBy) {
        return jdbc.sql(
                        "SELECT referral_id, kind, due_at FROM referral_clock WHERE stopped_at IS"
                                + " NULL AND due_at "
                                + (breached ? "<" : "<=")
                                + " :dueBy AND "
                                + (breached ? "breached_at" : "approaching_at")
                                + " IS NULL ORDER BY due_at LIMIT "
                                + BATCH
                                + " FOR UPDATE SKIP LOCKED")
                .param("dueBy", Timestamp.from(dueBy))
                .query(
                        (rs, row) ->
                                new Due(
                                        rs.getObject("referral_id", UUID.class),
                                        rs.getString("kind"),
                                        rs.getTimestamp("due_at").toInstant()))
                .list();
    }

    private void mark(Due due, Instant now, boolean breached) {
        jdbc.sql(
                        breached
                                ? "UPDATE referral_clock SET breached_at = :now, approaching_at ="
                                        + " COALESCE(approaching_at, :now) WHERE referral_id = :id"
                                        + " AND kind = :kind"
                                : "UPDATE referral_clock SET approaching_at = :now WHERE"
                                        + " referral_id = :id AND kind = :kind")
                .param("now", Timestamp.from(now))
                .param("id", due.referralId())
                .param("kind", due.kind())
                .update();
    }

    private record Due(UUID referralId, String kind, Instant dueAt) {}
}
