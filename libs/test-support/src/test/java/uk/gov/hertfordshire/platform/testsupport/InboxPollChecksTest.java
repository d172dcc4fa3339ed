package uk.gov.hertfordshire.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The checks count what the poll-at-once tests rely on: rows written by one statement (one
 * transaction) count as one transaction and rows of two as two, only the group under test counts,
 * and only its own topic's skipped duplicates.
 */
class InboxPollChecksTest {

    private static final String GROUP = "group-under-test";
    private static final String TOPIC = "cases.events";

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private JdbcClient jdbc;
    private InboxPollChecks checks;

    @BeforeEach
    void inbox() {
        TestInfrastructure.Database database =
                TestInfrastructure.shared().newDatabase("inbox-poll-checks");
        jdbc =
                JdbcClient.create(
                        new DriverManagerDataSource(
                                database.jdbcUrl(), database.username(), database.password()));
        jdbc.sql("CREATE SCHEMA platform").update();
        jdbc.sql(
                        "CREATE TABLE platform.inbox (consumer_group text, event_id uuid,"
                                + " PRIMARY KEY (consumer_group, event_id))")
                .update();
        checks = new InboxPollChecks(GROUP, TOPIC, "unused:9092", jdbc, meters);
    }

    @Test
    void countsTheTransactionsThatRecordedEventsOfItsGroup() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        record(GROUP, a, GROUP, b); // one statement, so one transaction
        record(GROUP, c, "another-group", elsewhere);

        assertThat(checks.transactionsRecording(a, b)).isEqualTo(1);
        assertThat(checks.transactionsRecording(a, b, c)).isEqualTo(2);
        assertThat(checks.recorded(a, b, c)).isEqualTo(3);
        assertThat(checks.recorded(elsewhere)).as("another group's row").isZero();
    }

    @Test
    void countsTheDuplicatesItsGroupSkippedOnItsTopic() {
        assertThat(checks.duplicatesSkipped()).as("before any").isZero();
        meters.counter("inbox.duplicates.skipped", "group", GROUP, "topic", TOPIC).increment(2);
        meters.counter("inbox.duplicates.skipped", "group", GROUP, "topic", "content.events")
                .increment();
        meters.counter("inbox.duplicates.skipped", "group", "another-group", "topic", TOPIC)
                .increment();

        assertThat(checks.duplicatesSkipped()).isEqualTo(2.0);
    }

    @Test
    void anUnreadableRecordKeepsEverythingButItsData() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", "e-1".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(
                        TOPIC, null, "key", "{}".getBytes(StandardCharsets.UTF_8), headers);

        ProducerRecord<String, byte[]> unreadable = InboxPollChecks.withUnreadableData(record);

        assertThat(unreadable.topic()).isEqualTo(TOPIC);
        assertThat(unreadable.key()).isEqualTo("key");
        assertThat(unreadable.headers()).isEqualTo(headers);
        assertThat(new String(unreadable.value(), StandardCharsets.UTF_8))
                .isNotEqualTo("{}")
                .doesNotStartWith("{");
    }

    private void record(String group1, UUID event1, String group2, UUID event2) {
        jdbc.sql(
                        "INSERT INTO platform.inbox (consumer_group, event_id) VALUES (:g1, :e1),"
                                + " (:g2, :e2)")
                .param("g1", group1)
                .param("e1", event1)
                .param("g2", group2)
                .param("e2", event2)
                .update();
    }
}
