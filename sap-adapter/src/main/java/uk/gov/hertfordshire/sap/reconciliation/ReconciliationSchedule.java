package uk.gov.hertfordshire.sap.reconciliation;

import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;

/**
 * Reconciles the previous month every morning, once across replicas. Every replica's schedule
 * fires; the instance that takes the advisory lock runs it unless the day's scheduled run is
 * already recorded ({@code reconciliation_run.scheduled_on}, unique), the others skip. The lock
 * alone would not do: it stops two runs overlapping, not a replica whose schedule fires a moment
 * after the other's run has finished from running it again. The lock is held by a transaction for
 * the length of the run (the run's own writes, its row among them, commit in a transaction of their
 * own before the lock is let go); if its holder dies, PostgreSQL ends the session and the lock with
 * it, and the day's run is lost, not doubled: the next morning's covers the same month. A day on
 * which SAP did not answer records no run, so a replica firing later that day tries again.
 */
@Component
class ReconciliationSchedule {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);
    // "SAPRECON" as a number: the one advisory lock key of this job.
    private static final long LOCK_KEY = 0x5341505245434f4eL;

    private final Reconciliation reconciliation;
    private final TransactionOperations transactions;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReconciliationSchedule(
            Reconciliation reconciliation,
            TransactionOperations transactions,
            JdbcClient jdbc,
            Clock clock) {
        this.reconciliation = reconciliation;
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
                                Reconciliation.Result result =
                                        reconciliation.reconcile(
                                                ReconciliationController.period(null, clock),
                                                today);
                                log.info(
                                        "Reconciled {}: {} postings checked, {} mismatches",
                                        result.period(),
                                        result.checked(),
                                        result.mismatches().size());
                            } catch (SapUnavailableException unavailable) {
                                log.warn("Reconciliation skipped: {}", unavailable.getMessage());
                                return false;
                            }
                            return true;
                        });
        return Boolean.TRUE.equals(ran);
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
