package uk.gov.hertfordshire.care.protection;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.platform.events.care.AccessAuditCounted;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Publishes the access audit to analytics as counts only, one {@code care.access-audit-counted.v1}
 * per whole hour, empty hours included, in order. Each hour is one transaction: its row in {@code
 * access_audit_count_period} and its outbox row commit together, and a second replica counting the
 * same hour waits on that row's key and then publishes nothing, so every hour is published exactly
 * once. The first run starts at the earliest audited hour, at most {@code
 * platform.care.audit-counts.backfill} (default 7 days) back.
 */
@Component
public class AccessAuditCounts {

    static final Duration HOUR = Duration.ofHours(1);

    /** How long after an hour ends it is counted. */
    static final Duration SETTLE = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration backfill;

    AccessAuditCounts(
            JdbcClient jdbc,
            TransactionOperations transactions,
            Outbox outbox,
            Clock clock,
            @Value("${platform.care.audit-counts.backfill:P7D}") Duration backfill) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
        this.backfill = backfill;
    }

    @Scheduled(
            fixedDelayString = "${platform.care.audit-counts.interval:PT5M}",
            initialDelayString = "${platform.care.audit-counts.interval:PT5M}")
    void publishDue() {
        publishUpTo(Instant.now(clock));
    }

    /**
     * Publishes, in order, every whole hour that ended a minute before {@code now} and has not been
     * published.
     *
     * @return how many hours were published
     */
    public int publishUpTo(Instant now) {
        // A transaction that stamped its audit row just before the hour ended may still commit.
        Instant endedBy = now.minus(SETTLE);
        Optional<Instant> next = nextPeriod(endedBy.truncatedTo(ChronoUnit.HOURS));
        int published = 0;
        while (next.isPresent() && !next.get().plus(HOUR).isAfter(endedBy)) {
            Instant start = next.get();
            Boolean done = transactions.execute(status -> publish(start));
            published += Boolean.TRUE.equals(done) ? 1 : 0;
            next = Optional.of(start.plus(HOUR));
        }
        return published;
    }

    private Optional<Instant> nextPeriod(Instant lastWhole) {
        Instant latest =
                jdbc.sql("SELECT max(period_start) FROM access_audit_count_period")
                        .query(Timestamp.class)
                        .optional()
                        .map(Timestamp::toInstant)
                        .orElse(null);
        if (latest != null) {
            return Optional.of(latest.plus(HOUR));
        }
        Instant earliest =
                jdbc.sql("SELECT min(at) FROM access_audit")
                        .query(Timestamp.class)
                        .optional()
                        .map(Timestamp::toInstant)
                        .orElse(null);
        if (earliest == null) {
            return Optional.empty();
        }
        Instant floor = lastWhole.minus(backfill);
        Instant first = earliest.truncatedTo(ChronoUnit.HOURS);
        return Optional.of(first.isBefore(floor) ? floor : first);
    }

    private boolean publish(Instant start) {
        Instant end = start.plus(HOUR);
        int claimed =
                jdbc.sql(
                                "INSERT INTO access_audit_count_period (period_start,"
                                        + " published_at) VALUES (:start, now()) ON CONFLICT DO"
                                        + " NOTHING")
                        .param("start", Timestamp.from(start))
                        .update();
        if (claimed == 0) {
            return false;
        }
        List<AccessAuditCounted.Count> counts =
                jdbc.sql(
                                "SELECT action, purpose, count(*) AS accesses FROM access_audit"
                                        + " WHERE at >= :start AND at < :end GROUP BY action,"
                                        + " purpose ORDER BY action, purpose")
                        .param("start", Timestamp.from(start))
                        .param("end", Timestamp.from(end))
                        .query(
                                (rs, row) ->
                                        new AccessAuditCounted.Count(
                                                rs.getString("action"),
                                                rs.getString("purpose"),
                                                rs.getLong("accesses")))
                        .list();
        outbox.append(new AccessAuditCounted(start, end, counts));
        return true;
    }
}
