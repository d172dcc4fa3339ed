package uk.gov.hertfordshire.sap.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.gov.hertfordshire.platform.events.care.PackageCommissioned;
import uk.gov.hertfordshire.sap.SapIntegrationTest;
import uk.gov.hertfordshire.sapsimulator.Faults;
import uk.gov.hertfordshire.sapsimulator.PurchaseOrders;

/**
 * A send whose outcome is unknown is not repeated while SAP may still be processing it, against the
 * SAP simulator: SAP takes 2.5 s to post (the adapter gives up after its 1 s read timeout) while
 * its look-ups answer at once and find nothing until then. The worker, driven for seconds, neither
 * looks it up nor sends it again until the unknown-outcome wait (4 s in the tests) has passed; then
 * it finds SAP's one document by its reference. Beside it, the positive control: a posting SAP
 * never received (lost on its way) is sent again once the wait has passed, and posted once.
 */
class UnknownOutcomeIntegrationTest extends SapIntegrationTest {

    static final Instant PAID = Instant.parse("2026-09-21T10:15:00Z");

    /** Longer than the read timeout (1 s), shorter than the unknown-outcome wait (4 s). */
    static final Duration SAP_PROCESSING = Duration.ofMillis(2_500);

    /** How long the worker is driven inside the wait (which starts as the send times out). */
    static final Duration WITHIN_THE_WAIT = Duration.ofMillis(2_500);

    @Autowired PostingWorker worker;
    @Autowired MeterRegistry meters;
    @Autowired CircuitBreaker sapCircuitBreaker;

    @BeforeEach
    void closeTheBreaker() {
        // Earlier tests' failures must not hold this test's first send back.
        sapCircuitBreaker.reset();
    }

    @Test
    void aFeeSapIsStillPostingWhenTheCallTimesOutIsFoundAfterTheWaitAndNotSentAgain() {
        UUID eventId = UUID.randomUUID();
        send(Map.of(eventId, blueBadgeFee(3_100, PAID)));

        sapStillProcessingIsFoundNotSentAgain(eventId, () -> documentsFor(eventId).size());

        assertThat(posting(eventId, "sap_document"))
                .isEqualTo(documentsFor(eventId).get(0).accountingDocument());
    }

    @Test
    void aPackageSapIsStillCommittingWhenTheCallTimesOutIsFoundAfterTheWaitAndNotSentAgain() {
        UUID eventId = UUID.randomUUID();
        send(
                Map.of(
                        eventId,
                        new PackageCommissioned(
                                UUID.randomUUID().toString(),
                                UUID.randomUUID().toString(),
                                CommitmentIntegrationTest.MAPPED_PROVIDER,
                                31_000,
                                "GBP",
                                LocalDate.of(2026, 10, 5),
                                LocalDate.of(2026, 10, 18),
                                CommitmentIntegrationTest.COMMISSIONED)));

        sapStillProcessingIsFoundNotSentAgain(eventId, () -> ordersFor(eventId).size());

        assertThat(posting(eventId, "sap_document"))
                .isEqualTo(ordersFor(eventId).get(0).purchaseOrder());
    }

    @Test
    void aFeeSapNeverReceivedIsSentAgainOnceTheWaitHasPassedAndPostedOnce() {
        UUID eventId = UUID.randomUUID();
        send(Map.of(eventId, blueBadgeFee(3_200, PAID)));
        awaitRecorded(eventId);
        // Lost on its way: held past the read timeout, then dropped; SAP holds nothing.
        SAP.faults().set(Faults.Mode.LOST_POSTING, Duration.ofMillis(1_500));

        sentOnce(eventId);
        SAP.faults().heal();
        Seen withinTheWait = driveFor(WITHIN_THE_WAIT, eventId, () -> documentsFor(eventId).size());
        awaitPosted(eventId);

        assertThat(documentsFor(eventId)).as("SAP documents for the posting").hasSize(1);
        assertThat(sends(eventId)).as("the lost send and the one that got through").isEqualTo(2);
        assertThat(posting(eventId, "sap_document"))
                .isEqualTo(documentsFor(eventId).get(0).accountingDocument());
        assertThat(withinTheWait)
                .as("within the wait it was neither sent again nor posted")
                .isEqualTo(new Seen(1, false, 0));
    }

    /**
     * Sends the posting of {@code eventId} while SAP takes longer than the read timeout to commit
     * it, drives the worker through the wait and past it, and checks SAP holds one document and the
     * posting is recorded as posted, found by its reference, not sent again.
     */
    private void sapStillProcessingIsFoundNotSentAgain(
            UUID eventId, Supplier<Integer> documentsInSap) {
        awaitRecorded(eventId);
        double foundBefore = foundByReference();
        SAP.faults().set(Faults.Mode.SLOW_COMMIT, SAP_PROCESSING);

        sentOnce(eventId);
        assertThat(documentsInSap.get()).as("SAP is still processing it").isZero();
        Seen withinTheWait = driveFor(WITHIN_THE_WAIT, eventId, documentsInSap);
        awaitPosted(eventId);
        // A second send, had there been one, takes SAP 2.5 s to commit: keep going past that.
        driveFor(SAP_PROCESSING.plusMillis(500), eventId, documentsInSap);

        assertThat(documentsInSap.get()).as("SAP documents for the posting").isEqualTo(1);
        assertThat(sends(eventId)).as("never sent again").isEqualTo(1);
        assertThat(foundByReference() - foundBefore)
                .as("sap_postings_found_by_reference_total")
                .isGreaterThanOrEqualTo(1);
        assertThat(withinTheWait)
                .as("within the wait it was neither sent again nor taken as posted")
                .isEqualTo(new Seen(1, false, 1));
    }

    /**
     * What the worker had done with a posting by the end of a stretch: its sends, posted or not.
     */
    private record Seen(int mostSends, boolean posted, int documentsInSap) {}

    /**
     * Runs the worker again and again for {@code stretch}, as its schedule would, and reports what
     * it had done with the posting by the end.
     */
    private Seen driveFor(Duration stretch, UUID eventId, Supplier<Integer> documentsInSap) {
        AtomicInteger mostSends = new AtomicInteger();
        AtomicBoolean posted = new AtomicBoolean();
        await().during(stretch)
                .atMost(stretch.plusSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            worker.postDue();
                            mostSends.accumulateAndGet(sends(eventId), Math::max);
                            posted.compareAndSet(false, "posted".equals(posting(eventId, "state")));
                            return true;
                        });
        return new Seen(mostSends.get(), posted.get(), documentsInSap.get());
    }

    private void awaitPosted(UUID eventId) {
        await().atMost(Duration.ofSeconds(20))
                .alias("once the wait has passed, the posting is settled")
                .untilAsserted(
                        () -> {
                            worker.postDue();
                            assertThat(posting(eventId, "state")).isEqualTo("posted");
                        });
    }

    /** Drives the worker until the posting's first send has been made (and failed). */
    private void sentOnce(UUID eventId) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> {
                            worker.postDue();
                            assertThat(sends(eventId)).isEqualTo(1);
                        });
        assertThat(posting(eventId, "state")).as("outcome unknown").isEqualTo("pending");
    }

    private int sends(UUID eventId) {
        return Integer.parseInt(posting(eventId, "sends"));
    }

    private static List<PurchaseOrders.Order> ordersFor(UUID eventId) {
        return SAP.purchaseOrders().withItemText(eventId.toString());
    }

    private double foundByReference() {
        return meters.get("sap_postings_found_by_reference_total").counter().count();
    }
}
