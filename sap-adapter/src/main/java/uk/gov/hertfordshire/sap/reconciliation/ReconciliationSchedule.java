package uk.gov.hertfordshire.sap.reconciliation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;
import uk.gov.hertfordshire.sap.posting.PostingLedger;

/**
 * Reconciles the previous month every morning, once across replicas, and with it every other month
 * that received postings since the last scheduled run began: a posting is dated by its event (a
 * care package by its first day of care, which may be months back or ahead), so last month alone
 * would never compare a backdated one, and a missing or duplicated order for it would go
 * unreported. Each such month is a run of its own (recorded as asked-for runs are, without a day);
 * last month's run, recorded last, carries the day and the moment the whole run began, from which
 * the next scheduled run looks for postings. Every replica's schedule fires; the instance that
 * takes the advisory lock runs it unless the day's scheduled run is already recorded ({@code
 * reconciliation_run.scheduled_on}, unique), the others skip. The lock alone would not do: it stops
 * two runs overlapping, not a replica whose schedule fires a moment after the other's run has
 * finished from running it again. The lock is held by a transaction for the length of the run (the
 * run's own writes, its row among them, commit in a transaction of their own before the lock is let
 * go); if its holder dies, PostgreSQL ends the session and the lock with it, and the day's run is
 * lost, not doubled: the next morning's covers the same month and the same postings. A day on which
 * SAP did not answer records no day, so a replica firing later that day tries again.
 */
@Component
class ReconciliationSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);
    // "SAPRECON" as a number: the one advisory lock key of this job.
    private static final long LOCK_KEY = 0x5341505245434f4eL;

    private final Reconciliation reconciliation;
    private final PostingLedger ledger;
    private final TransactionOperations transactions;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReconciliationSchedule(
            Reconciliation reconciliation,
            PostingLedger ledger,
            TransactionOperations transactions,
            JdbcClient jdbc,
            Clock clock) {
        this.reconciliation = reconciliation;
        this.ledger = ledger;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(cron = "${platform.sap.reconciliation.cron:0 30 6 * * *}", zone = "Europe/London")
    void run() {
        runOnce();
    }

    /**
     * Runs today's reconciliation unless another instance is running it or has run it; returns
     * whether this one ran it.
     */
    boolean runOnce() {
        LocalDate today = LocalDate.now(clock.withZone(ReconciliationController.LONDON));
        Boolean ran =
                transactions.execute(
                        status -> {
                            boolean locked =
                                    jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                                            .param("key", LOCK_KEY)
                                            .query(Boolean.class)
                                            .single();
                            if (!locked || ranOn(today)) {
                                return false;
                            }
                            try {
                                Instant started = clock.instant();
                                YearMonth lastMonth = ReconciliationController.period(null, clock);
                                for (YearMonth period :
                                        ledger.periodsPostedSince(lastScheduledStart())) {
                                    // Months before last month only: last month is reconciled
                                    // below, and this month (or a later one) will be when it is
                                    // last month, complete; reconciling it daily would report its
                                    // mismatches again every morning.
                                    if (period.isBefore(lastMonth)) {
                                        logged(reconciliation.reconcile(period, null, started));
                                    }
                                }
                                logged(reconciliation.reconcile(lastMonth, today, started));
                            } catch (SapUnavailableException unavailable) {
                                log.warn("Reconciliation skipped: {}", unavailable.getMessage());
                                return false;
                            }
                            return true;
                        });
        return Boolean.TRUE.equals(ran);
    }

    private static void logged(Reconciliation.Result result) {
        log.info(
                "Reconciled {}: {} postings checked, {} mismatches",
                result.period(),
                result.checked(),
                result.mismatches().size());
    }

    /** When the last scheduled run began; null before the first. */
    private Instant lastScheduledStart() {
        return jdbc.sql(
                        "SELECT max(started_at) FROM reconciliation_run WHERE scheduled_on IS NOT"
                                + " NULL")
                .query(
                        (rs, row) -> {
                            Timestamp started = rs.getTimestamp(1);
                            return started == null ? null : started.toInstant();
                        })
                .list()
                .get(0);
    }

    /** Whether the day's scheduled run is recorded (read after the lock: it sees its commit). */
    private boolean ranOn(LocalDate day) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM reconciliation_run WHERE scheduled_on = :day)")
                .param("day", day)
                .query(Boolean.class)
                .single();
    }
}
