package uk.gov.hertfordshire.sap.hr;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
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
 * commits late is still read (what was already published is not published again). A change SAP
 * makes visible later than the overlap is found by the nightly {@link FullSweep} of every staff
 * member, which shares the entity's definition, lock and memory with the delta.
 */
@Component
public class StaffSync {

    private static final Logger log = LoggerFactory.getLogger(StaffSync.class);
    // "SAPHRSYN" as a number: the one advisory lock key of this job.
    private static final long LOCK_KEY = 0x5341504852535b4eL;

    private final DeltaRead<SapHr.Employee> read;
    private final FullSweep<SapHr.Employee> fullSweep;

    StaffSync(
            SapHr sap,
            Outbox outbox,
            TransactionOperations transactions,
            HrDelta delta,
            @Value("${platform.sap.hr.overlap:PT5M}") Duration overlap,
            Clock clock,
            MeterRegistry meters) {
        DeltaRead.Entity<SapHr.Employee> entity =
                new DeltaRead.Entity<>(
                        "User",
                        LOCK_KEY,
                        "staff",
                        "staff",
                        sap::employeesChangedSince,
                        SapHr.Employee::staffId,
                        SapHr.Employee::changedAt,
                        (employee, effectiveAt) ->
                                new StaffMemberChanged(
                                        employee.staffId(),
                                        employee.teamCode(),
                                        employee.roles(),
                                        employee.active(),
                                        effectiveAt),
                        employee ->
                                String.join(
                                        "\n",
                                        employee.staffId(),
                                        String.valueOf(employee.teamCode()),
                                        String.join(" ", employee.roles()),
                                        String.valueOf(employee.active())));
        this.read = new DeltaRead<>(entity, outbox, transactions, delta, overlap, meters);
        this.fullSweep =
                new FullSweep<>(entity, outbox, transactions, delta, overlap, clock, meters);
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

    /**
     * Reads every staff record now and publishes those whose content differs from what was last
     * published (the full sweep; {@link HrSweepSchedule} runs it once a night across replicas).
     */
    FullSweep.Result sweep() {
        return fullSweep.sweep(lastSweep -> true);
    }

    FullSweep<SapHr.Employee> fullSweep() {
        return fullSweep;
    }
}
