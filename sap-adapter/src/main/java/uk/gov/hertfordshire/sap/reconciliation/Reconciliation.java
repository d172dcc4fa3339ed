package uk.gov.hertfordshire.sap.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.platform.events.sap.ReconciliationMismatchFound;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;
import uk.gov.hertfordshire.sap.connection.CommittedOrder;
import uk.gov.hertfordshire.sap.connection.PostedItem;
import uk.gov.hertfordshire.sap.connection.SapFinance;
import uk.gov.hertfordshire.sap.posting.PostingLedger;
import uk.gov.hertfordshire.sap.posting.PostingMappings;

/**
 * Compares one period of SAP with the posting ledger: the journal's documents with the journal
 * entries, and the purchase orders with the commitments.
 */
@Service
public class Reconciliation {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final SapFinance sap;
    private final PostingLedger ledger;
    private final PostingMappings mappings;
    private final Outbox outbox;
    private final TransactionOperations transactions;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicInteger lastMismatches = new AtomicInteger();

    Reconciliation(
            SapFinance sap,
            PostingLedger ledger,
            PostingMappings mappings,
            Outbox outbox,
            TransactionOperations transactions,
            JdbcClient jdbc,
            MeterRegistry meters,
            Clock clock) {
        this.sap = sap;
        this.ledger = ledger;
        this.mappings = mappings;
        this.outbox = outbox;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("sap.reconciliation.mismatches", lastMismatches, AtomicInteger::get)
                .description(
                        "Postings whose ledger entry and SAP document differ at the last"
                                + " reconciliation")
                .baseUnit("postings")
                .register(meters);
    }

    /**
     * Reconciles a period: reads SAP (outside any transaction), then records the run and its
     * mismatch events together.
     *
     * @throws uk.gov.hertfordshire.sap.connection.SapUnavailableException when SAP does not answer
     */
    public Result reconcile(YearMonth period) {
        return reconcile(period, null);
    }

    /**
     * Reconciles a period as the schedule's run of {@code scheduledOn} (null: asked for), which the
     * run's row records: a day has one scheduled run (ReconciliationSchedule).
     */
    Result reconcile(YearMonth period, LocalDate scheduledOn) {
        return reconcile(period, scheduledOn, clock.instant());
    }

    /**
     * As {@link #reconcile(YearMonth, LocalDate)}, recording the run as started at {@code
     * startedAt}: a scheduled run reconciling several periods records when it began, before it read
     * any of them.
     */
    Result reconcile(YearMonth period, LocalDate scheduledOn, Instant startedAt) {
        LocalDate from = period.atDay(1);
        LocalDate to = period.atEndOfMonth();
        Instant now = clock.instant();
        List<ReconciliationMismatchFound> mismatches = new ArrayList<>();
        int checked = 0;
        for (String companyCode : mappings.companyCodes()) {
            HeldInSap journal = new HeldInSap();
            for (PostedItem item : sap.items(companyCode, from, to)) {
                if (ours(item.reference()) && item.amountPence() > 0) {
                    // the debit line of one of ours; the credit line repeats it negated
                    journal.add(item.reference(), item.documentKey(), item.amountPence());
                }
            }
            HeldInSap orders = new HeldInSap();
            for (CommittedOrder order : sap.commitments(companyCode, from, to)) {
                if (ours(order.reference())) {
                    orders.add(order.reference(), order.purchaseOrder(), order.amountPence());
                }
            }
            List<PostingLedger.PostedEntry> entries = ledger.posted(companyCode, from, to);
            List<PostingLedger.PostedEntry> commitments = ledger.committed(companyCode, from, to);
            checked += entries.size() + commitments.size();
            compare(entries, journal, period, now, mismatches);
            compare(commitments, orders, period, now, mismatches);
        }
        UUID runId = UUID.randomUUID();
        int total = checked;
        transactions.executeWithoutResult(
                status -> {
                    jdbc.sql(
                                    "INSERT INTO reconciliation_run (id, period, started_at,"
                                            + " checked, mismatches, scheduled_on) VALUES (:id,"
                                            + " :period, :at, :checked, :mismatches,"
                                            + " :scheduledOn)")
                            .param("id", runId)
                            .param("scheduledOn", scheduledOn)
                            .param("period", period.toString())
                            .param("at", Timestamp.from(startedAt))
                            .param("checked", total)
                            .param("mismatches", mismatches.size())
                            .update();
                    mismatches.forEach(outbox::append);
                });
        mismatches.forEach(
                m ->
                        Counter.builder("sap_reconciliation_mismatches_total")
                                .description(
                                        "Postings found missing, duplicated or with another amount"
                                                + " in SAP by reconciliation")
                                .tag("kind", m.kind())
                                .register(meters)
                                .increment());
        lastMismatches.set(mismatches.size());
        Counter.builder("sap_reconciliation_runs_total")
                .description("Reconciliation runs against SAP, by whether they found nothing amiss")
                .tag("clean", String.valueOf(mismatches.isEmpty()))
                .register(meters)
                .increment();
        return new Result(runId, period.toString(), checked, mismatches);
    }

    private static boolean ours(String reference) {
        return reference != null && UUID_TEXT.matcher(reference).matches();
    }

    /**
     * Each ledger entry against what SAP holds under its reference: missing, duplicated, amount.
     */
    private static void compare(
            List<PostingLedger.PostedEntry> entries,
            HeldInSap held,
            YearMonth period,
            Instant now,
            List<ReconciliationMismatchFound> mismatches) {
        for (PostingLedger.PostedEntry entry : entries) {
            String reference = entry.sourceEventId().toString();
            int count = held.documents.getOrDefault(reference, Set.of()).size();
            long sapAmount = held.amounts.getOrDefault(reference, 0L);
            String kind =
                    count == 0
                            ? ReconciliationMismatchFound.MISSING
                            : count > 1
                                    ? ReconciliationMismatchFound.DUPLICATED
                                    : sapAmount != entry.amountPence()
                                            ? ReconciliationMismatchFound.AMOUNT_DIFFERS
                                            : null;
            if (kind != null) {
                mismatches.add(
                        new ReconciliationMismatchFound(
                                entry.postingId().toString(),
                                reference,
                                period.toString(),
                                kind,
                                entry.companyCode(),
                                entry.amountPence(),
                                sapAmount,
                                count,
                                now));
            }
        }
    }

    /** What SAP holds under each reference: its documents (or orders) and their total amount. */
    private static final class HeldInSap {
        final Map<String, Set<String>> documents = new HashMap<>();
        final Map<String, Long> amounts = new HashMap<>();

        void add(String reference, String document, long amountPence) {
            documents.computeIfAbsent(reference, r -> new LinkedHashSet<>()).add(document);
            amounts.merge(reference, amountPence, Long::sum);
        }
    }

    /**
     * A run's outcome.
     *
     * @param runId the run
     * @param period the period reconciled
     * @param checked postings compared
     * @param mismatches what differs, empty when clean
     */
    public record Result(
            UUID runId, String period, int checked, List<ReconciliationMismatchFound> mismatches) {

        public boolean clean() {
            return mismatches.isEmpty();
        }
    }
}
