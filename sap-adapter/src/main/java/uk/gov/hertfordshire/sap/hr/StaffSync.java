package uk.gov.hertfordshire.sap.hr;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;
import uk.gov.hertfordshire.sap.connection.SapHr;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;

/**
 * Reads staff ({@code User}) changed in SAP HR since the last read and publishes each as {@code
 * staff-member-changed}, by {@link DeltaRead}: one transaction under an advisory lock holds the
 * events and the new mark, and the read starts a safety overlap before the mark so a change SAP
 * commits late is still read (what was already published is not published again).
 */
@Component
public class StaffSync {

    private static final Logger log = LoggerFactory.getLogger(StaffSync.class);
    // "SAPHRSYN" as a number: the one advisory lock key of this job.
    private static final long LOCK_KEY = 0x5341504852535b4eL;

    private final DeltaRead<SapHr.Employee> read;

    StaffSync(
            SapHr sap,
            Outbox outbox,
            TransactionOperations transactions,
            HrDelta delta,
            @Value("${platform.sap.hr.overlap:PT5M}") Duration overlap,
            MeterRegistry meters) {
        this.read =
                new DeltaRead<>(
                        new DeltaRead.Entity<>(
                                "User",
                                LOCK_KEY,
                                "staff",
                                "staff",
                                sap::employeesChangedSince,
                                SapHr.Employee::staffId,
                                SapHr.Employee::changedAt,
                                employee ->
                                        new StaffMemberChanged(
                                                employee.staffId(),
                                                employee.teamCode(),
                                                employee.roles(),
                                                employee.active(),
                                                employee.changedAt())),
                        outbox,
                        transactions,
                        delta,
                        overlap,
                        meters);
    }

    @Scheduled(
            fixedDelayString = "${platform.sap.hr.poll-interval:PT30S}",
            initialDelayString = "${platform.sap.hr.initial-delay:PT2S}")
    void scheduled() {
        try {
            sync();
        } catch (SapUnavailableException unavailable) {
            log.info("SAP HR did not answer: {}; trying again later", unavailable.getMessage());
        }
    }

    /**
     * Reads and publishes every staff change since the last read.
     *
     * @return how many staff changes were published, or -1 if another instance holds the lock
     */
    public int sync() {
        return read.sync();
    }
}
