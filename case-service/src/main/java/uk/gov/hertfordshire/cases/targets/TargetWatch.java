package uk.gov.hertfordshire.cases.targets;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.cases.lifecycle.CaseStatus;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetApproaching;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Watches open cases' response targets and emits, once per due time, "target approaching" when a
 * case is within {@code platform.cases.targets.approaching-within} (default 4 hours) of its due
 * time and "target breached" when the due time has passed. The flag and the event commit together,
 * and rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so two instances never emit twice. A
 * case first seen already past its due time (the watch was down) gets only the breach event.
 */
@Component
public class TargetWatch {

    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration approachingWithin;

    TargetWatch(
            JdbcClient jdbc,
            TransactionOperations transactions,
            Outbox outbox,
            Clock clock,
            @Value("${platform.cases.targets.approaching-within:PT4H}")
                    Duration approachingWithin) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
        this.approachingWithin = approachingWithin;
    }

    @Scheduled(
            fixedDelayString = "${platform.cases.targets.watch-interval:PT1M}",
            initialDelayString = "${platform.cases.targets.watch-interval:PT1M}")
    void watch() {
        // Each batch in a transaction of its own (a call to this.scan() would bypass the proxy's
        // @Transactional, and the outbox refuses to append outside a transaction).
        Integer emitted;
        do {
            emitted = transactions.execute(status -> scan());
        } while (emitted != null && emitted >= BATCH); // a full batch: there may be more
    }

    /**
     * Emits the due events for one batch of cases.
     *
     * @return how many events were emitted
     */
    @Transactional
    public int scan() {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        int emitted = 0;
        for (Due due : claim("target_breached_at", now)) {
            outbox.append(
                    new CaseTargetBreached(
                            due.id().toString(), due.serviceCode(), due.dueAt(), now));
            mark(due.id(), now, true);
            emitted++;
        }
        for (Due due : claim("target_approaching_at", now.plus(approachingWithin))) {
            outbox.append(
                    new CaseTargetApproaching(
                            due.id().toString(), due.serviceCode(), due.dueAt(), now));
            mark(due.id(), now, false);
            emitted++;
        }
        return emitted;
    }

    private List<Due> claim(String flag, Instant dueBy) {
        return jdbc.sql(
                        "SELECT id, service_code, due_at FROM service_case WHERE status IN"
                                + " (:open) AND due_at "
                                + (flag.equals("target_breached_at") ? "<" : "<=")
                                + " :dueBy AND "
                                + flag
                                + " IS NULL ORDER BY due_at LIMIT "
                                + BATCH
                                + " FOR UPDATE SKIP LOCKED")
                .param("open", CaseStatus.openWireValues())
                .param("dueBy", Timestamp.from(dueBy))
                .query(
                        (rs, row) ->
                                new Due(
                                        rs.getObject("id", UUID.class),
                                        rs.getString("service_code"),
                                        rs.getTimestamp("due_at").toInstant()))
                .list();
    }

    private void mark(UUID id, Instant now, boolean breached) {
        jdbc.sql(
                        breached
                                ? "UPDATE service_case SET target_breached_at = :now,"
                                        + " target_approaching_at = COALESCE(target_approaching_at,"
                                        + " :now) WHERE id = :id"
                                : "UPDATE service_case SET target_approaching_at = :now WHERE id"
                                        + " = :id")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    private record Due(UUID id, String serviceCode, Instant dueAt) {}
}
