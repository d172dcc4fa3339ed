package uk.gov.hertfordshire.sap.posting;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.testsupport.InboxPollChecks;
import uk.gov.hertfordshire.platform.testsupport.KafkaRecordBatch;
import uk.gov.hertfordshire.sap.SapIntegrationTest;

/**
 * The ledger takes each poll of {@code cases.events} in one inbox transaction: records sent as one
 * Kafka record batch (one partition, fetched whole) are recorded by one PostgreSQL transaction, a
 * second copy of an event in the same poll is skipped by the inbox, and an event that cannot be
 * handled is dead-lettered alone while every other event of its poll is recorded once.
 */
class PollAtOnceIntegrationTest extends SapIntegrationTest {

    static final Instant PAID = Instant.parse("2026-10-01T09:00:00Z");

    private static final CloudEvents CLOUD_EVENTS = new CloudEvents();

    @Autowired MeterRegistry meters;

    private InboxPollChecks inbox() {
        return new InboxPollChecks("sap-adapter", Topics.CASES, kafka, jdbc, meters);
    }

    @Test
    void aPollIsRecordedInOneTransactionAndADuplicateInItOnlyOnce() {
        String caseId = UUID.randomUUID().toString(); // one key: one partition, in this order
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        double skippedBefore = inbox().duplicatesSkipped();

        KafkaRecordBatch.send(
                kafka,
                List.of(
                        fee(a, caseId, 1_100),
                        fee(b, caseId, 1_200),
                        fee(a, caseId, 1_100),
                        fee(c, caseId, 1_300)));
        awaitRecorded(c);

        assertThat(List.of(a, b, c)).allSatisfy(id -> assertThat(postingsFor(id)).isEqualTo(1));
        assertThat(inbox().duplicatesSkipped() - skippedBefore)
                .as("the second copy of a, skipped by the inbox")
                .isEqualTo(1.0);
        assertThat(posting(a, "amount_pence")).as("a's own amount, once").isEqualTo("1100");
        assertThat(inbox().transactionsRecording(a, b, c))
                .as("inbox transactions for the poll's three events")
                .isEqualTo(1);
    }

    @Test
    void anEventThatFailsInAPollIsDeadLetteredAloneAndTheOthersAreRecordedOnce() {
        String caseId = UUID.randomUUID().toString();
        UUID before = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        // A well-formed CloudEvent whose data is not a fee: the translator throws on it.
        ProducerRecord<String, byte[]> unreadable =
                InboxPollChecks.withUnreadableData(fee(poison, caseId, 1_500));

        KafkaRecordBatch.send(
                kafka, List.of(fee(before, caseId, 1_400), unreadable, fee(after, caseId, 1_600)));
        awaitRecorded(after);

        assertThat(postingsFor(before)).isEqualTo(1);
        assertThat(postingsFor(after)).isEqualTo(1);
        assertThat(postingsFor(poison)).isZero();
        assertThat(inbox().awaitDeadLettered(poison, before, poison, after))
                .as("only the unreadable one")
                .containsExactly(poison.toString());
    }

    private static ProducerRecord<String, byte[]> fee(UUID eventId, String caseId, long pence) {
        CaseFeePaid fee =
                new CaseFeePaid(
                        caseId,
                        "blue-badge",
                        pence,
                        "GBP",
                        "govuk-pay",
                        "pay" + eventId.toString().replace("-", "").substring(0, 20),
                        PAID);
        return CLOUD_EVENTS.toProducerRecord(CLOUD_EVENTS.toCloudEvent(fee, eventId, null));
    }
}
