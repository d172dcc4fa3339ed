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
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;
import uk.gov.hertfordshire.sap.connection.SapHr;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;

/**
 * Reads staff changed in SAP HR since the last read and publishes each. A read runs in one
 * transaction that holds an advisory lock, so one instance reads at a time, and the events commit
 * with the new high-water mark: a crash publishes nothing and the next read starts from the same
 * mark. The read is "at or after" the mark, so staff changed in the same millisecond are never
 * skipped; a change read twice is published twice, which consumers keeping the latest state absorb.
 */
@Component
public class StaffSync {

    private static final Logger log = LoggerFactory.getLogger(StaffSync.class);
    private static final String ENTITY = "User";
    // "SAPHRSYN" as a number: the one advisory lock key of this job.
    private static final long LOCK_KEY = 0x5341504852535b4eL;

    private final SapHr sap;
    private final Outbox outbox;
    private final TransactionOperations transactions;
    private final HrDelta delta;
    private final Counter published;
    private final Counter skipped;

    StaffSync(
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
                Counter.builder("sap_hr_staff_published_total")
                        .description("staff changes read from SAP HR and published")
                        .register(meters);
        this.skipped =
                Counter.builder("sap_hr_staff_skipped_total")
                        .description("staff records SAP HR holds that the platform cannot use")
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
     * Reads and publishes every change since the last read.
     *
     * @return how many staff changes were published, or -1 if another instance holds the lock
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
                            sap.employeesChangedSince(
                                    mark == null ? null : mark.changedAt(),
                                    page -> count[0] += publish(page, last));
                            if (last[0] != null && last[0] != mark) {
                                delta.save(ENTITY, last[0]);
                            }
                            return count[0];
                        });
        return Optional.ofNullable(result).orElse(0);
    }

    private int publish(List<SapHr.Employee> page, HrDelta.Mark[] last) {
        int count = 0;
        for (SapHr.Employee employee : page) {
            if (last[0] != null && !last[0].before(employee.changedAt(), employee.staffId())) {
                continue; // published by an earlier read
            }
            last[0] = new HrDelta.Mark(employee.changedAt(), employee.staffId());
            try {
                outbox.append(
                        new StaffMemberChanged(
                                employee.staffId(),
                                employee.teamCode(),
                                employee.roles(),
                                employee.active(),
                                employee.changedAt()));
                count++;
            } catch (IllegalArgumentException | NullPointerException unusable) {
                skipped.increment();
                log.warn(
                        "Staff member {} in SAP HR cannot be published: {}",
                        employee.staffId(),
                        unusable.getMessage());
            }
        }
        published.increment(count);
        return count;
    }
}
