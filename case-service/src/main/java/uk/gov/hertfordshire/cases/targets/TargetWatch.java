package uk.gov.hertfordshire.cases.targets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.cases.servicecase.CaseRepository;
import uk.gov.hertfordshire.cases.servicecase.CaseRepository.DueCase;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetApproaching;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Watches open cases' response targets and emits, once per due time, "target approaching" when a
 * case is within {@code platform.cases.targets.approaching-within} (default 4 hours) of its due
 * time and "target breached" when the due time has passed. The flag and the event commit together,
 * and rows are claimed with {@link CaseRepository#claimDue} (locked, skipping rows another
 * transaction holds), so two instances never emit twice. A case first seen already past its due
 * time (the watch was down) gets only the breach event.
 */
@Component
public class TargetWatch {

    private static final int BATCH = 500;

    private final CaseRepository cases;
    private final TransactionOperations transactions;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration approachingWithin;

    TargetWatch(
            CaseRepository cases,
            TransactionOperations transactions,
            Outbox outbox,
            Clock clock,
            @Value("${platform.cases.targets.approaching-within:PT4H}")
                    Duration approachingWithin) {
        this.cases = cases;
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
        for (DueCase due : cases.claimDue(true, now, BATCH)) {
            outbox.append(
                    new CaseTargetBreached(
                            due.id().toString(), due.serviceCode(), due.dueAt(), now));
            cases.markTargetEvent(due.id(), true, now);
            emitted++;
        }
        for (DueCase due : cases.claimDue(false, now.plus(approachingWithin), BATCH)) {
            outbox.append(
                    new CaseTargetApproaching(
                            due.id().toString(), due.serviceCode(), due.dueAt(), now));
            cases.markTargetEvent(due.id(), false, now);
            emitted++;
        }
        return emitted;
    }
}
