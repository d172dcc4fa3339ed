package uk.gov.hertfordshire.platform.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.support.http.CorrelationId;
import uk.gov.hertfordshire.platform.support.testapp.TestServiceApplication;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

@PlatformIntegrationTest
class OutboxIntegrationTest {

    @Autowired TestServiceApplication.WidgetService widgets;
    @Autowired Outbox outbox;
    @Autowired JdbcTemplate jdbc;

    private final String kafka = TestInfrastructure.shared().kafkaBootstrapServers();

    @Test
    void publishesACommittedEventAsABinaryCloudEventKeyedByItsAggregate() {
        MDC.put(CorrelationId.MDC_KEY, "corr-outbox-1");
        UUID id;
        try {
            id = widgets.create("pothole");
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
        ConsumerRecord<String, byte[]> record = awaitRecord(id);

        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo("uk.gov.hertfordshire.case.submitted.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/case-service");
        assertThat(header(record, "ce_subject")).isEqualTo(id.toString());
        assertThat(header(record, "ce_correlationid")).isEqualTo("corr-outbox-1");
        assertThat(header(record, "ce_dataschema")).startsWith("https://");
        assertThat(UUID.fromString(header(record, "ce_id"))).isNotNull();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(id.toString());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                jdbc.queryForObject(
                                                        "SELECT count(*) FROM platform.outbox"
                                                                + " WHERE message_key = ? AND sent_at"
                                                                + " IS NOT NULL",
                                                        Long.class,
                                                        id.toString()))
                                        .as("the row is marked sent once acknowledged")
                                        .isEqualTo(1));
    }

    @Test
    void aRolledBackChangeLeavesNoEventBehind() {
        UUID rolledBack = UUID.randomUUID();
        assertThatThrownBy(() -> widgets.createThenFail(rolledBack))
                .hasMessageContaining("rolled back on purpose");
        UUID control = widgets.create("pothole");

        awaitRecord(control);
        assertThat(recordsFor(rolledBack)).isEmpty();
        assertThat(
                        jdbc.queryForObject(
                                "SELECT count(*) FROM platform.outbox WHERE message_key = ?",
                                Long.class,
                                rolledBack.toString()))
                .isZero();
    }

    @Test
    void refusesAnEventOutsideATransaction() {
        CaseSubmitted event =
                new CaseSubmitted(
                        UUID.randomUUID().toString(),
                        "pothole",
                        Channel.PHONE,
                        Instant.now(),
                        null,
                        null);
        assertThatThrownBy(() -> outbox.append(event))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    @Test
    void cleanUpRemovesOnlyEventsSentLongerAgoThanTheRetention(@Autowired OutboxRelay relay) {
        UUID old = widgets.create("pothole");
        UUID recent = widgets.create("pothole");
        awaitRecord(old);
        awaitRecord(recent);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sentCount(old) == 1 && sentCount(recent) == 1);
        jdbc.update(
                "UPDATE platform.outbox SET sent_at = now() - interval '8 days' WHERE message_key = ?",
                old.toString());
        UUID unsent = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO platform.outbox (event_id, topic, message_key, event_type, headers,"
                        + " payload, created_at) VALUES (?, 'no.such.topic', ?, 'x', '{}',"
                        + " '\\x00', now() - interval '30 days')",
                UUID.randomUUID(),
                unsent.toString());
        try {
            relay.cleanUp();
            assertThat(rows(old)).as("sent 8 days ago, retention 7 days").isZero();
            assertThat(rows(recent)).as("sent just now").isEqualTo(1);
            assertThat(rows(unsent)).as("never sent: kept however old").isEqualTo(1);
        } finally {
            jdbc.update("DELETE FROM platform.outbox WHERE message_key = ?", unsent.toString());
        }
    }

    private long sentCount(UUID id) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM platform.outbox WHERE message_key = ? AND sent_at IS NOT NULL",
                Long.class,
                id.toString());
    }

    private long rows(UUID id) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM platform.outbox WHERE message_key = ?",
                Long.class,
                id.toString());
    }

    @Test
    void libraryAndServiceMigrationsKeepSeparateHistories() {
        assertThat(
                        jdbc.queryForList(
                                "SELECT version FROM platform.support_schema_history"
                                        + " WHERE success",
                                String.class))
                .contains("1");
        assertThat(
                        jdbc.queryForList(
                                "SELECT version FROM flyway_schema_history WHERE success",
                                String.class))
                .containsExactly("1");
    }

    private ConsumerRecord<String, byte[]> awaitRecord(UUID id) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsFor(id), records -> records.size() == 1)
                .get(0);
    }

    private List<ConsumerRecord<String, byte[]>> recordsFor(UUID id) {
        return KafkaTopicReader.readAll(kafka, Topics.CASES).stream()
                .filter(r -> id.toString().equals(r.key()))
                .toList();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
