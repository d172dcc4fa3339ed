package uk.gov.hertfordshire.care.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.care.decision.Decisions;
import uk.gov.hertfordshire.care.protection.AccessAudit;
import uk.gov.hertfordshire.care.referral.Closed;
import uk.gov.hertfordshire.care.referral.Referrals;
import uk.gov.hertfordshire.platform.support.calendar.WorkingCalendar;

/**
 * Anonymises referrals closed longer ago than the retention period: the person's details, the
 * lookup hashes, the referrer's identifier and the decision's reasons go; the codes, times, outcome
 * and access trail stay, so the statutory returns still count them and the audit still shows who
 * saw what (ADR 19). A dry run lists what a run would take and changes nothing. A run works in
 * batches of {@value #BATCH}, each its own transaction claimed {@code FOR UPDATE SKIP LOCKED}, so
 * two runs never fight and an interrupted one resumes where it stopped.
 */
@Service
public class RetentionRule {

    static final int BATCH = 200;

    /** The most a dry run lists; its count says how many there are in all. */
    static final int LISTED = 1_000;

    private static final Logger log = LoggerFactory.getLogger(RetentionRule.class);

    private final Referrals referrals;
    private final Decisions decisions;
    private final AccessAudit audit;
    private final TransactionOperations transactions;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionRule(
            Referrals referrals,
            Decisions decisions,
            AccessAudit audit,
            TransactionOperations transactions,
            RetentionProperties properties,
            Clock clock) {
        this.referrals = referrals;
        this.decisions = decisions;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a run would anonymise now; audited as one listing. */
    public DryRun dryRun(String actor) {
        Instant cutoff = cutoff();
        return transactions.execute(
                status -> {
                    audit.record(actor, "retention.dry-run", null, "retention");
                    List<Closed> due = referrals.closedBefore(cutoff, LISTED + 1, false);
                    return new DryRun(
                            cutoff,
                            properties.closedFor().toString(),
                            due.size() > LISTED,
                            due.subList(0, Math.min(due.size(), LISTED)));
                });
    }

    /** Anonymises every referral closed before the cutoff; each one audited. */
    public Run run(String actor) {
        Instant cutoff = cutoff();
        int done = 0;
        Integer batch;
        do {
            batch = transactions.execute(status -> anonymiseBatch(cutoff, actor));
            done += batch == null ? 0 : batch;
        } while (batch != null && batch > 0);
        log.info("Retention: {} referrals closed before {} anonymised", done, cutoff);
        return new Run(cutoff, properties.closedFor().toString(), done);
    }

    private int anonymiseBatch(Instant cutoff, String actor) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<Closed> due = referrals.closedBefore(cutoff, BATCH, true);
        for (Closed closed : due) {
            decisions.anonymise(closed.referralId());
            referrals.anonymise(closed.referralId(), actor, now);
        }
        return due.size();
    }

    /** Referrals closed before this instant are due: today in council time, less the period. */
    Instant cutoff() {
        return ZonedDateTime.now(clock.withZone(WorkingCalendar.COUNCIL_TIME))
                .minus(properties.closedFor())
                .toInstant();
    }

    /**
     * A dry run's listing.
     *
     * @param closedBefore the cutoff: referrals closed before it are due
     * @param closedFor the retention period, ISO 8601
     * @param more whether more are due than listed
     */
    public record DryRun(Instant closedBefore, String closedFor, boolean more, List<Closed> due) {}

    /**
     * What a run did.
     *
     * @param anonymised referrals anonymised by this run
     */
    public record Run(Instant closedBefore, String closedFor, int anonymised) {}
}
