package uk.gov.hertfordshire.content.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.platform.testsupport.ServiceDefinitionFixture.serviceDefinition;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;
import uk.gov.hertfordshire.platform.testsupport.InboxPollChecks;
import uk.gov.hertfordshire.platform.testsupport.KafkaRecordBatch;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

/**
 * Content takes each poll of {@code cases.events} in one inbox transaction: changes sent as one
 * Kafka record batch (one service code, so one partition, fetched whole) are applied by one
 * PostgreSQL transaction, a second copy of a change in the same poll is skipped by the inbox, and a
 * change that cannot be read is dead-lettered alone while every other one of its poll is applied.
 */
@PlatformIntegrationTest
class CatalogueChangesPollAtOnceIntegrationTest {

    private static final CloudEvents CLOUD_EVENTS = new CloudEvents();

    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;

    private final String kafka = TestInfrastructure.shared().kafkaBootstrapServers();

    private InboxPollChecks inbox() {
        return new InboxPollChecks("content-service", Topics.CASES, kafka, jdbc, meters);
    }

    @Test
    void aPollIsAppliedInOneTransactionAndADuplicateInItOnlyOnce() {
        String code = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        double skippedBefore = inbox().duplicatesSkipped();

        KafkaRecordBatch.send(
                kafka,
                List.of(
                        change(first, code, "First name", "2026-03-01T09:00:00Z"),
                        change(first, code, "First name", "2026-03-01T09:00:00Z"),
                        change(second, code, "Second name", "2026-03-02T09:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox().recorded(first, second) == 2);

        assertThat(name(code))
                .as("the later change, applied after the first")
                .isEqualTo("Second name");
        assertThat(inbox().duplicatesSkipped() - skippedBefore)
                .as("the second copy of the first change, skipped by the inbox")
                .isEqualTo(1.0);
        assertThat(inbox().transactionsRecording(first, second))
                .as("inbox transactions for the poll's two changes")
                .isEqualTo(1);
    }

    @Test
    void aChangeThatFailsInAPollIsDeadLetteredAloneAndTheOthersAreApplied() {
        String code = "batch-" + UUID.randomUUID().toString().substring(0, 8);
        UUID before = UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        // A well-formed CloudEvent whose data is not a catalogue change: reading it throws.
        ProducerRecord<String, byte[]> unreadable =
                InboxPollChecks.withUnreadableData(
                        change(poison, code, "Never applied", "2026-03-03T09:00:00Z"));

        KafkaRecordBatch.send(
                kafka,
                List.of(
                        change(before, code, "Before", "2026-03-01T09:00:00Z"),
                        unreadable,
                        change(after, code, "After", "2026-03-02T09:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox().recorded(before, after) == 2);

        assertThat(name(code)).isEqualTo("After");
        assertThat(inbox().recorded(poison)).as("the unreadable one is not recorded").isZero();
        assertThat(inbox().awaitDeadLettered(poison, before, poison, after))
                .as("only the unreadable one")
                .containsExactly(poison.toString());
    }

    private static ProducerRecord<String, byte[]> change(
            UUID eventId, String code, String name, String changedAt) {
        ServiceDefinitionChanged changed =
                serviceDefinition(code).name(name).changedAt(Instant.parse(changedAt)).build();
        return CLOUD_EVENTS.toProducerRecord(CLOUD_EVENTS.toCloudEvent(changed, eventId, null));
    }

    private String name(String code) {
        return jdbc.sql("SELECT name FROM catalogue_service WHERE code = :code")
                .param("code", code)
                .query(String.class)
                .single();
    }
}
