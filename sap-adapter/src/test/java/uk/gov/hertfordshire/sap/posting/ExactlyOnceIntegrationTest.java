package uk.gov.hertfordshire.sap.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.sap.SapIntegrationTest;
import uk.gov.hertfordshire.sapsimulator.Faults;

/**
 * Each fee reaches SAP as exactly one document, against the SAP simulator: redelivered, after a
 * timeout once SAP had committed, and through an outage.
 */
class ExactlyOnceIntegrationTest extends SapIntegrationTest {

    static final Instant PAID = Instant.parse("2026-09-14T10:15:00Z");

    @Autowired PostingWorker worker;
    @Autowired MeterRegistry meters;

    @Test
    void theSameEventDeliveredTwiceMakesOneSapDocument() {
        UUID eventId = UUID.randomUUID();
        CaseFeePaid fee = blueBadgeFee(1_000, PAID);
        send(Map.of(eventId, fee));
        send(Map.of(eventId, fee));
        awaitRecorded(eventId);
        worker.postDue();
        // Delivered a third time after it was posted, then another fee for the same case (same
        // key, so the same partition, after it): once that is recorded, the third was handled.
        UUID marker = UUID.randomUUID();
        CaseFeePaid sameCase =
                new CaseFeePaid(
                        fee.caseId(), "blue-badge", 500, "GBP", "govuk-pay", "pay2nd", PAID);
        send(orderedOf(eventId, fee, marker, sameCase));
        awaitRecorded(marker);
        worker.postDue();

        assertThat(documentsFor(eventId)).hasSize(1);
        assertThat(postingsFor(eventId)).isEqualTo(1);
        assertThat(state(eventId)).isEqualTo("posted");
        assertThat(documentsFor(marker)).as("positive control: another event posts").hasSize(1);
    }

    @Test
    void aTimeoutAfterSapCommittedMakesNoSecondDocument() {
        UUID eventId = UUID.randomUUID();
        SAP.faults().set(Faults.Mode.TIMEOUT_AFTER_COMMIT, Duration.ofMillis(2_500));
        send(Map.of(eventId, blueBadgeFee(2_500, PAID)));
        awaitRecorded(eventId);

        worker.postDue();
        assertThat(state(eventId)).as("outcome unknown, so still pending").isEqualTo("pending");
        assertThat(documentsFor(eventId)).as("but SAP committed it").hasSize(1);

        SAP.faults().heal();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> {
                            worker.postDue();
                            assertThat(state(eventId)).isEqualTo("posted");
                        });
        assertThat(documentsFor(eventId)).hasSize(1);
        String document = documentsFor(eventId).get(0).accountingDocument();
        assertThat(sapDocument(eventId)).isEqualTo(document);
    }

    @Test
    void postingsWaitWhileSapIsDownAndAreEachMadeOnceWhenItIsBack() {
        SAP.faults().set(Faults.Mode.DOWN, Duration.ZERO);
        Map<UUID, CaseFeePaid> fees = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            fees.put(UUID.randomUUID(), blueBadgeFee(1_000 + i, PAID));
        }
        send(fees);
        fees.keySet().forEach(this::awaitRecorded);

        worker.postDue();
        worker.postDue();
        assertThat(fees.keySet()).allSatisfy(id -> assertThat(state(id)).isEqualTo("pending"));
        double waiting = pendingGauge();
        assertThat(waiting).as("sap_postings_pending_postings while SAP is down").isGreaterThan(7);

        SAP.faults().heal();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            worker.postDue();
                            assertThat(fees.keySet())
                                    .allSatisfy(id -> assertThat(state(id)).isEqualTo("posted"));
                        });
        assertThat(fees.keySet()).allSatisfy(id -> assertThat(documentsFor(id)).hasSize(1));
        assertThat(pendingGauge()).as("the eight no longer wait").isLessThanOrEqualTo(waiting - 8);
    }

    private double pendingGauge() {
        return meters.get("sap.postings.pending").gauge().value();
    }

    private static Map<UUID, CaseFeePaid> orderedOf(
            UUID first, CaseFeePaid a, UUID second, CaseFeePaid b) {
        Map<UUID, CaseFeePaid> events = new LinkedHashMap<>();
        events.put(first, a);
        events.put(second, b);
        return events;
    }

    private String state(UUID eventId) {
        return posting(eventId, "state");
    }

    private String sapDocument(UUID eventId) {
        return posting(eventId, "sap_document");
    }
}
