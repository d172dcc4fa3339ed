package uk.gov.hertfordshire.sap.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.testsupport.KafkaRecordBatch;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
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

    @Test
    void aPollIsRecordedInOneTransactionAndADuplicateInItOnlyOnce() {
        String caseId = UUID.randomUUID().toString(); // one key: one partition, in this order
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        double skippedBefore = duplicatesSkipped();

        KafkaRecordBatch.send(
                kafka,
                List.of(
                        fee(a, caseId, 1_100),
                        fee(b, caseId, 1_200),
                        fee(a, caseId, 1_100),
                        fee(c, caseId, 1_300)));
        awaitRecorded(c);

        assertThat(List.of(a, b, c)).allSatisfy(id -> assertThat(postingsFor(id)).isEqualTo(1));
        assertThat(duplicatesSkipped() - skippedBefore)
                .as("the second copy of a, skipped by the inbox")
                .isEqualTo(1.0);
        assertThat(posting(a, "amount_pence")).as("a's own amount, once").isEqualTo("1100");
        // Rows written by one transaction carry its id in xmin; one transaction per event would
        // leave three.
        assertThat(
                        jdbc.sql(
                                        "SELECT count(DISTINCT CAST(xmin AS text)) FROM"
                                                + " platform.inbox WHERE consumer_group ="
                                                + " 'sap-adapter' AND event_id IN (:a, :b, :c)")
                                .param("a", a)
                                .param("b", b)
                                .param("c", c)
                                .query(Integer.class)
                                .single())
                .as("inbox transactions for the poll's three events")
                .isEqualTo(1);
    }

    @Test
    void anEventThatFailsInAPollIsDeadLetteredAloneAndTheOthersAreRecordedOnce() {
        String caseId = UUID.randomUUID().toString();
        UUID before = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        ProducerRecord<String, byte[]> unreadable = fee(poison, caseId, 1_500);
        // A well-formed CloudEvent whose data is not a fee: the translator throws on it.
        unreadable =
                new ProducerRecord<>(
                        unreadable.topic(),
                        null,
                        unreadable.key(),
                        "not a fee".getBytes(StandardCharsets.UTF_8),
                        unreadable.headers());

        KafkaRecordBatch.send(
                kafka, List.of(fee(before, caseId, 1_400), unreadable, fee(after, caseId, 1_600)));
        awaitRecorded(after);

        assertThat(postingsFor(before)).isEqualTo(1);
        assertThat(postingsFor(after)).isEqualTo(1);
        assertThat(postingsFor(poison)).isZero();
        List<String> ours = List.of(before.toString(), poison.toString(), after.toString());
        List<String> deadLettered =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        KafkaTopicReader.eventIds(
                                                        kafka,
                                                        Topics.deadLetter(
                                                                Topics.CASES, "sap-adapter"))
                                                .stream()
                                                .filter(ours::contains)
                                                .toList(),
                                ids -> ids.contains(poison.toString()));
        assertThat(deadLettered).as("only the unreadable one").containsExactly(poison.toString());
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

    private double duplicatesSkipped() {
        Counter counter =
                meters.find("inbox.duplicates.skipped")
                        .tags("group", "sap-adapter", "topic", Topics.CASES)
                        .counter();
        return counter == null ? 0 : counter.count();
    }
}
