package uk.gov.hertfordshire.sap.hr;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.platform.events.sap.OrgUnitChanged;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;
import uk.gov.hertfordshire.sap.connection.SapHr;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;

/**
 * Reads org units (teams) changed in SAP HR since the last read and publishes each as {@code
 * org-unit-changed}, the way {@link StaffSync} does staff: one transaction under an advisory lock
 * holds the events and the new mark, and the read is "at or after" the mark.
 */
@Component
public class OrgUnitSync {

    private static final Logger log = LoggerFactory.getLogger(OrgUnitSync.class);
    private static final String ENTITY = "FODepartment";
    // "SAPHRORG" as a number: the one advisory lock key of this job.
    private static final long LOCK_KEY = 0x53415048524f5247L;

    private final SapHr sap;
    private final Outbox outbox;
    private final TransactionOperations transactions;
    private final HrDelta delta;
    private final Counter published;
    private final Counter skipped;

    OrgUnitSync(
            SapHr sap,
            Outbox outbox,
            TransactionOperations transactions,
            HrDelta delta,
            MeterRegistry meters) {
        this.sap = sap;
        this.outbox = outbox;
        this.transactions = transactions;
        this.delta = delta;
        this.published =
                Counter.builder("sap_hr_org_units_published_total")
                        .description("org unit changes read from SAP HR and published")
                        .register(meters);
        this.skipped =
                Counter.builder("sap_hr_org_units_skipped_total")
                        .description("org unit records SAP HR holds that the platform cannot use")
                        .register(meters);
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
     * @return how many were published, or -1 if another instance holds the lock
     */
    public int sync() {
        Integer result =
                transactions.execute(
                        status -> {
                            if (!delta.tryLock(LOCK_KEY)) {
                                return -1;
                            }
                            HrDelta.Mark mark = delta.mark(ENTITY).orElse(null);
                            int[] count = {0};
                            HrDelta.Mark[] last = {mark};
                            sap.orgUnitsChangedSince(
                                    mark == null ? null : mark.changedAt(),
                                    page -> count[0] += publish(page, last));
                            if (last[0] != null && last[0] != mark) {
                                delta.save(ENTITY, last[0]);
                            }
                            return count[0];
                        });
        return Optional.ofNullable(result).orElse(0);
    }

    private int publish(List<SapHr.OrgUnit> page, HrDelta.Mark[] last) {
        int count = 0;
        for (SapHr.OrgUnit unit : page) {
            if (last[0] != null && !last[0].before(unit.changedAt(), unit.code())) {
                continue; // published by an earlier read
            }
            last[0] = new HrDelta.Mark(unit.changedAt(), unit.code());
            try {
                outbox.append(
                        new OrgUnitChanged(
                                unit.code(),
                                unit.parentCode(),
                                unit.costCentre(),
                                unit.active(),
                                unit.changedAt()));
                count++;
            } catch (IllegalArgumentException | NullPointerException unusable) {
                skipped.increment();
                log.warn(
                        "Org unit {} in SAP HR cannot be published: {}",
                        unit.code(),
                        unusable.getMessage());
            }
        }
        published.increment(count);
        return count;
    }
}
