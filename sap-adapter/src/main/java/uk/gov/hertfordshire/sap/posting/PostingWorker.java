package uk.gov.hertfordshire.sap.posting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRecorded;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRejected;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;
import uk.gov.hertfordshire.sap.connection.PostedItem;
import uk.gov.hertfordshire.sap.connection.PostingOutcome;
import uk.gov.hertfordshire.sap.connection.SapFinance;
import uk.gov.hertfordshire.sap.connection.SapOutcomeUnknownException;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;

/**
 * Posts pending postings to SAP, exactly once. Postings are claimed in batches with {@code FOR
 * UPDATE SKIP LOCKED} and a lease, so replicas share the work and never send the same posting at
 * once. A posting is sent only if it is still under the lease it was claimed with (one that ran out
 * while SAP answered slowly may have been claimed by another replica since), and the send renews
 * the lease, so no other replica takes it up while the send is in flight. Each send is counted in
 * the ledger before it is made; a posting with an earlier send (a timeout, a crash) is first looked
 * up in SAP by its reference, the source event id, and recorded as posted if SAP holds it. A send
 * whose outcome is unknown (SAP may have the posting, or may still be processing it) is not looked
 * up, let alone repeated, until {@code unknown-outcome-wait} has passed, far longer than SAP takes
 * to process one: a look-up sooner could miss a posting SAP is still working on and send it twice.
 * While SAP does not answer, postings wait with exponential back-off and the circuit breaker stops
 * the calls.
 */
@Component
public class PostingWorker {

    private static final Logger log = LoggerFactory.getLogger(PostingWorker.class);
    private static final int BATCH = 50;

    private final PostingLedger ledger;
    private final SapFinance sap;
    private final Outbox outbox;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final PostingProperties properties;
    private final Counter recoveredByLookup;
    private final PostingMetrics metrics;

    PostingWorker(
            PostingLedger ledger,
            SapFinance sap,
            Outbox outbox,
            TransactionOperations transactions,
            Clock clock,
            PostingProperties properties,
            PostingMetrics metrics,
            MeterRegistry meters) {
        this.ledger = ledger;
        this.sap = sap;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.properties = properties;
        this.metrics = metrics;
        this.recoveredByLookup =
                Counter.builder("sap_postings_found_by_reference_total")
                        .description(
                                "postings whose earlier send had an unknown outcome, found in SAP")
                        .register(meters);
    }

    @Scheduled(fixedDelayString = "${platform.sap.postings.poll-interval:PT1S}")
    void scheduled() {
        postDue();
    }

    /**
     * Posts what is due, batch after batch, until nothing is due or SAP stops answering.
     *
     * @return how many postings were settled (posted or rejected)
     */
    public int postDue() {
        int settled = 0;
        while (true) {
            Instant now = clock.instant();
            Instant lease = now.plus(properties.lease()).truncatedTo(ChronoUnit.MICROS);
            List<Posting> due = transactions.execute(status -> ledger.claimDue(now, BATCH, lease));
            if (due == null || due.isEmpty()) {
                return settled;
            }
            for (int i = 0; i < due.size(); i++) {
                Settled outcome = settle(due.get(i), lease);
                if (outcome == Settled.SAP_DID_NOT_ANSWER) {
                    release(due.subList(i + 1, due.size()), lease);
                    return settled;
                }
                if (outcome == Settled.SETTLED) {
                    settled++;
                }
            }
        }
    }

    /** What became of one claimed posting. */
    private enum Settled {
        SETTLED,
        /** The lease ran out and another instance claimed it: not sent by this one. */
        NO_LONGER_OURS,
        /** SAP did not answer; the posting waits its back-off. */
        SAP_DID_NOT_ANSWER
    }

    /** Posts one claimed under {@code lease}. */
    private Settled settle(Posting posting, Instant lease) {
        try {
            if (posting.sends() > 0) {
                PostingOutcome.Posted found = lookUp(posting);
                if (found != null) {
                    recoveredByLookup.increment();
                    posted(posting, found.accountingDocument(), found.fiscalYear());
                    return Settled.SETTLED;
                }
            }
            Boolean ours =
                    transactions.execute(
                            status -> {
                                Instant now = clock.instant();
                                // Kept while the send is in flight, and after it if this instance
                                // dies not knowing SAP's answer: then the outcome is unknown.
                                return ledger.countSend(
                                        posting.id(), lease, now.plus(sendLease()), now);
                            });
            if (!Boolean.TRUE.equals(ours)) {
                log.info("Posting {} was claimed by another instance; not sent", posting.id());
                return Settled.NO_LONGER_OURS;
            }
            PostingOutcome outcome =
                    posting.commitment()
                            ? sap.commit(posting.commitmentOrder())
                            : sap.post(posting.journalEntry());
            if (outcome instanceof PostingOutcome.Posted done) {
                posted(posting, done.accountingDocument(), done.fiscalYear());
            } else if (outcome instanceof PostingOutcome.Rejected refused) {
                rejected(posting, refused.message());
            }
            return Settled.SETTLED;
        } catch (SapOutcomeUnknownException unknown) {
            Instant now = clock.instant();
            Duration backoff = backoff(posting.sends() + 1);
            Instant lookUp =
                    now.plus(
                            backoff.compareTo(properties.unknownOutcomeWait()) > 0
                                    ? backoff
                                    : properties.unknownOutcomeWait());
            log.warn(
                    "Outcome of posting {} unknown ({}): looked up by its reference at {}, and"
                            + " sent again only if SAP does not hold it",
                    posting.id(),
                    unknown.getMessage(),
                    lookUp);
            transactions.executeWithoutResult(status -> ledger.retryAt(posting.id(), lookUp, now));
            return Settled.SAP_DID_NOT_ANSWER;
        } catch (SapUnavailableException unavailable) {
            // SAP did not take the posting in, or a look-up failed (made only once an earlier
            // send's wait has passed): nothing SAP may still be processing; look up first again.
            Instant now = clock.instant();
            Instant retry = now.plus(backoff(posting.sends() + 1));
            log.info(
                    "SAP did not answer for posting {}: {}; next attempt at {}",
                    posting.id(),
                    unavailable.getMessage(),
                    retry);
            transactions.executeWithoutResult(status -> ledger.retryAt(posting.id(), retry, now));
            return Settled.SAP_DID_NOT_ANSWER;
        }
    }

    /**
     * What SAP holds under the posting's reference, if anything: its document or purchase order.
     */
    private PostingOutcome.Posted lookUp(Posting posting) {
        String reference = posting.sourceEventId().toString();
        if (posting.commitment()) {
            List<String> orders = sap.commitmentsWithReference(reference);
            return orders.isEmpty() ? null : new PostingOutcome.Posted(orders.get(0), null);
        }
        List<PostedItem> found = sap.itemsWithReference(posting.companyCode(), reference);
        return found.isEmpty()
                ? null
                : new PostingOutcome.Posted(
                        found.get(0).accountingDocument(), found.get(0).fiscalYear());
    }

    /**
     * Hands back claimed postings not tried because SAP stopped answering (those still under this
     * instance's lease).
     */
    private void release(List<Posting> untried, Instant lease) {
        Instant now = clock.instant();
        Instant retry = now.plus(properties.firstBackoff());
        transactions.executeWithoutResult(
                status ->
                        untried.forEach(
                                posting -> ledger.releaseAt(posting.id(), lease, retry, now)));
    }

    private void posted(Posting posting, String document, String fiscalYear) {
        transactions.executeWithoutResult(
                status -> {
                    Instant now = clock.instant();
                    if (ledger.markPosted(posting.id(), document, fiscalYear, now)) {
                        outbox.append(
                                new FinancePostingRecorded(
                                        posting.id().toString(),
                                        posting.sourceEventId().toString(),
                                        posting.costCentre(),
                                        posting.glAccount(),
                                        glSigned(posting),
                                        posting.currency(),
                                        now));
                    }
                });
    }

    private void rejected(Posting posting, String message) {
        Boolean recorded =
                transactions.execute(
                        status -> {
                            Instant now = clock.instant();
                            if (!ledger.markRejected(posting.id(), message, now)) {
                                return false;
                            }
                            outbox.append(
                                    new FinancePostingRejected(
                                            posting.id().toString(),
                                            posting.sourceEventId().toString(),
                                            posting.companyCode(),
                                            posting.costCentre(),
                                            posting.glAccount(),
                                            glSigned(posting),
                                            posting.currency(),
                                            message,
                                            now));
                            return true;
                        });
        if (Boolean.TRUE.equals(recorded)) {
            metrics.rejected(message);
        }
    }

    /**
     * The amount as the GL account sees it: a fee is a credit to income (negative), a commitment a
     * charge to expenditure (positive).
     */
    private static long glSigned(Posting posting) {
        return posting.commitment() ? posting.amountPence() : -posting.amountPence();
    }

    /**
     * How long a send keeps its posting from every other attempt: the lease, and no less than the
     * wait after an unknown outcome, which a send cut short by this instance's end also has.
     */
    private Duration sendLease() {
        return properties.lease().compareTo(properties.unknownOutcomeWait()) > 0
                ? properties.lease()
                : properties.unknownOutcomeWait();
    }

    /** 1, 2, 4… times the first back-off, never more than the most. */
    Duration backoff(int attempt) {
        Duration wait = properties.firstBackoff();
        for (int i = 1; i < attempt && wait.compareTo(properties.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }
}
