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
import uk.gov.hertfordshire.platform.events.sap.OrgUnitChanged;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;
import uk.gov.hertfordshire.sap.connection.SapHr;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;

/**
 * Reads org units (teams, {@code FODepartment}) changed in SAP HR since the last read and publishes
 * each as {@code org-unit-changed}, by {@link DeltaRead} as {@link StaffSync} does staff, with a
 * mark and a lock of its own, and swept whole each night by a {@link FullSweep} as staff are.
 */
@Component
public class OrgUnitSync {

    private static final Logger log = LoggerFactory.getLogger(OrgUnitSync.class);
    // "SAPHRORG" as a number: the one advisory lock key of this job.
    private static final long LOCK_KEY = 0x53415048524f5247L;

    private final DeltaRead<SapHr.OrgUnit> read;
    private final FullSweep<SapHr.OrgUnit> fullSweep;

    OrgUnitSync(
            SapHr sap,
            Outbox outbox,
            TransactionOperations transactions,
            HrDelta delta,
            @Value("${platform.sap.hr.overlap:PT5M}") Duration overlap,
            Clock clock,
            MeterRegistry meters) {
        DeltaRead.Entity<SapHr.OrgUnit> entity =
                new DeltaRead.Entity<>(
                        "FODepartment",
                        LOCK_KEY,
                        "org_units",
                        "org unit",
                        sap::orgUnitsChangedSince,
                        SapHr.OrgUnit::code,
                        SapHr.OrgUnit::changedAt,
                        (unit, effectiveAt) ->
                                new OrgUnitChanged(
                                        unit.code(),
                                        unit.parentCode(),
                                        unit.costCentre(),
                                        unit.active(),
                                        effectiveAt),
                        unit ->
                                String.join(
                                        "\n",
                                        unit.code(),
                                        String.valueOf(unit.parentCode()),
                                        String.valueOf(unit.costCentre()),
                                        String.valueOf(unit.active())));
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
     * Reads and publishes every org unit change since the last read.
     *
     * @return how many org unit changes were published, or -1 if another instance holds the lock
     */
    public int sync() {
        return read.sync();
    }

    /**
     * Reads every org unit record now and publishes those whose content differs from what was last
     * published (the full sweep; {@link HrSweepSchedule} runs it once a night across replicas).
     */
    FullSweep.Result sweep() {
        return fullSweep.sweep(lastSweep -> true);
    }

    FullSweep<SapHr.OrgUnit> fullSweep() {
        return fullSweep;
    }
}
