package uk.gov.hertfordshire.sap.reconciliation;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;

/**
 * Reconciles the previous month every morning, once across replicas: the instance that takes the
 * advisory lock runs it, the others skip. The lock is held by a transaction for the length of the
 * run (the run's own writes commit in a transaction of their own).
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

    /** Runs unless another instance is running it; returns whether this one ran it. */
    boolean runOnce() {
        Boolean ran =
                transactions.execute(
                        status -> {
                            boolean locked =
                                    jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                                            .param("key", LOCK_KEY)
                                            .query(Boolean.class)
                                            .single();
                            if (!locked) {
                                return false;
                            }
                            try {
                                Reconciliation.Result result =
                                        reconciliation.reconcile(
                                                ReconciliationController.period(null, clock));
                                log.info(
                                        "Reconciled {}: {} postings checked, {} mismatches",
                                        result.period(),
                                        result.checked(),
                                        result.mismatches().size());
                            } catch (SapUnavailableException unavailable) {
                                log.warn("Reconciliation skipped: {}", unavailable.getMessage());
                            }
                            return true;
                        });
        return Boolean.TRUE.equals(ran);
    }
}
