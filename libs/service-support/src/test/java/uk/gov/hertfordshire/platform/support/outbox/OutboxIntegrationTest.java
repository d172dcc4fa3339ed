package uk.gov.hertfordshire.platform.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.support.http.CorrelationId;
import uk.gov.hertfordshire.platform.support.testapp.TestServiceApplication;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.StatementLog;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

@PlatformIntegrationTest
class OutboxIntegrationTest {

    @Autowired TestServiceApplication.WidgetService widgets;
    @Autowired Outbox outbox;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transaction;

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
    void aChangeAndItsEventInOneStatementArePublishedLikeAnyOther() {
        UUID id = UUID.randomUUID();
        widgets.createInOneStatement(id, "fly-tipping");

        ConsumerRecord<String, byte[]> record = awaitRecord(id);
        assertThat(header(record, "ce_type")).isEqualTo("uk.gov.hertfordshire.case.submitted.v1");
        assertThat(header(record, "ce_subject")).isEqualTo(id.toString());
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("fly-tipping");
        assertThat(widgetCount(id)).isEqualTo(1);
    }

    @Test
    void anUpdateThatMatchesNoRowAddsNoEventWhereOneThatMatchesDoes() {
        UUID existing = UUID.randomUUID();
        widgets.createInOneStatement(existing, "pothole");
        UUID missing = UUID.randomUUID();

        assertThat(widgets.renameInOneStatement(existing, "graffiti")).isTrue();
        assertThat(widgets.renameInOneStatement(missing, "graffiti")).isFalse();

        assertThat(outboxRows(existing)).as("created, then renamed").isEqualTo(2);
        assertThat(
                        jdbc.queryForObject(
                                "SELECT service FROM widget WHERE id = ?", String.class, existing))
                .isEqualTo("graffiti");
        assertThat(outboxRows(missing)).isZero();
    }

    @Test
    void aChangeThatFailsInTheStatementLeavesNoEventAndARollbackLeavesNeither() {
        UUID taken = UUID.randomUUID();
        widgets.createInOneStatement(taken, "pothole");
        // The same id again: the widget's primary key refuses it, so the one statement fails whole.
        assertThatThrownBy(() -> widgets.createInOneStatement(taken, "graffiti"))
                .isInstanceOf(DuplicateKeyException.class);
        UUID rolledBack = UUID.randomUUID();
        assertThatThrownBy(() -> widgets.createInOneStatementThenFail(rolledBack))
                .hasMessageContaining("rolled back on purpose");

        assertThat(outboxRows(taken)).as("the first event only").isEqualTo(1);
        assertThat(widgetCount(taken)).isEqualTo(1);
        assertThat(outboxRows(rolledBack)).isZero();
        assertThat(widgetCount(rolledBack)).isZero();
    }

    @Test
    void theChangeAndItsEventAreOneStatementWhereAppendAfterTheChangeIsTwo() {
        List<String> inOne =
                StatementLog.during(
                        () -> widgets.createInOneStatement(UUID.randomUUID(), "pothole"));
        List<String> inTwo = StatementLog.during(() -> widgets.create("pothole"));

        assertThat(inOne).containsExactly("with change as", "commit");
        assertThat(inTwo)
                .as("the control: the change, then append")
                .containsExactly("insert into widget", "insert into platform.outbox", "commit");
    }

    @Test
    void refusesWhatIsNotOneChangeAndParametersThatClashWithTheOutboxRows() {
        CaseSubmitted event = aPhoneCase();
        Map<String, Object> values = Map.of("id", UUID.randomUUID(), "service", "pothole");
        List<String> notOneChange =
                List.of(
                        "SELECT 1",
                        "INSERT INTO widget (id, service) VALUES (:id, :service); DELETE FROM widget",
                        "INSERT INTO widget (id, service) VALUES (:id, :service) RETURNING id",
                        "INSERT INTO widget (id, service) VALUES (:id, :service)), more AS"
                                + " (DELETE FROM platform.outbox");
        transaction.executeWithoutResult(
                status -> {
                    for (String change : notOneChange) {
                        assertThatThrownBy(() -> outbox.appendWith(event, change, values))
                                .as(change)
                                .isInstanceOf(IllegalArgumentException.class)
                                .hasMessageContaining("one INSERT, UPDATE or DELETE");
                    }
                    assertThatThrownBy(
                                    () ->
                                            outbox.appendWith(
                                                    event,
                                                    "INSERT INTO widget (id, service) VALUES"
                                                            + " (:outbox_id, :service)",
                                                    Map.of(
                                                            "outbox_id",
                                                            UUID.randomUUID(),
                                                            "service",
                                                            "pothole")))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("outbox_id");
                    assertThatThrownBy(
                                    () ->
                                            outbox.appendWith(
                                                    event,
                                                    "INSERT INTO widget (id, service) VALUES"
                                                            + " (:id, :outbox_topic)",
                                                    values))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining(":outbox_");
                    status.setRollbackOnly();
                });
        assertThatThrownBy(
                        () ->
                                outbox.appendWith(
                                        event,
                                        "INSERT INTO widget (id, service) VALUES (:id, :service)",
                                        values))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
        assertThat(widgetCount((UUID) values.get("id"))).isZero();
    }

    private static CaseSubmitted aPhoneCase() {
        return new CaseSubmitted(
                UUID.randomUUID().toString(), "pothole", Channel.PHONE, Instant.now(), null, null);
    }

    private long widgetCount(UUID id) {
        return jdbc.queryForObject("SELECT count(*) FROM widget WHERE id = ?", Long.class, id);
    }

    private long outboxRows(UUID id) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM platform.outbox WHERE message_key = ?",
                Long.class,
                id.toString());
    }

    @Test
    void refusesAnEventOutsideATransaction() {
        CaseSubmitted event = aPhoneCase();
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
