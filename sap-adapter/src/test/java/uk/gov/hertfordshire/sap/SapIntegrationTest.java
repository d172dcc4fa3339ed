package uk.gov.hertfordshire.sap;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.sapsimulator.GeneralLedger;
import uk.gov.hertfordshire.sapsimulator.SapSimulator;
import uk.gov.hertfordshire.sapsimulator.SimulatorSettings;

/**
 * The adapter's integration tests: one application context for all of them (so one member of the
 * {@code sap-adapter} consumer group reads the shared broker), real Kafka and PostgreSQL, and the
 * SAP simulator in-process on a free port (SAP is the one thing the tests do not run for real).
 */
@PlatformIntegrationTest
public abstract class SapIntegrationTest {

    /** SAP, with the demo personas and a few hundred other staff. */
    protected static final SapSimulator SAP = startSimulator();

    private static final CloudEvents CLOUD_EVENTS = new CloudEvents();

    @DynamicPropertySource
    static void connectToSap(DynamicPropertyRegistry registry) {
        registry.add("platform.sap.base-url", SAP::baseUrl);
        registry.add("platform.sap.hr-base-url", SAP::baseUrl);
    }

    @Autowired protected JdbcClient jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    protected String kafka;

    @AfterEach
    void healSap() {
        SAP.faults().heal();
    }

    private static SapSimulator startSimulator() {
        try {
            SapSimulator simulator =
                    SapSimulator.start(
                            0,
                            300,
                            SimulatorSettings.county(
                                    SapSimulator.DEFAULT_USER, SapSimulator.DEFAULT_PASSWORD));
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Blue Badge fee (mapped in finance-mapping.yml) of {@code pence}, paid at {@code paidAt}.
     */
    protected static CaseFeePaid blueBadgeFee(long pence, Instant paidAt) {
        return new CaseFeePaid(
                UUID.randomUUID().toString(),
                "blue-badge",
                pence,
                "GBP",
                "govuk-pay",
                "pay" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                paidAt);
    }

    /** Sends events to Kafka under the given CloudEvents ids, in order, as their services do. */
    protected void send(Map<UUID, ? extends DomainEvent> events) {
        try (KafkaTopicWriter writer = new KafkaTopicWriter(kafka)) {
            events.forEach((id, event) -> writer.publish(event, id));
        }
    }

    /** The last outbox row's id (0 when there is none): what a step writes comes after it. */
    protected long lastOutboxId() {
        return jdbc.sql("SELECT coalesce(max(id), 0) FROM platform.outbox")
                .query(Long.class)
                .single();
    }

    /**
     * The staff members of staff-member-changed events written to the outbox after row {@code
     * after}, in order (in the caller's transaction, if it has one).
     */
    protected List<String> staffChangesAfter(long after) {
        return jdbc.sql(
                        "SELECT message_key FROM platform.outbox WHERE id > :after AND event_type ="
                                + " :type ORDER BY id")
                .param("after", after)
                .param("type", StaffMemberChanged.TYPE.type())
                .query(String.class)
                .list();
    }

    /** Every event of a topic now on the broker. */
    protected List<ReceivedEvent> published(String topic) {
        return KafkaTopicReader.readAll(kafka, topic).stream().map(CLOUD_EVENTS::receive).toList();
    }

    /** Waits until the adapter has recorded a posting for the event. */
    protected void awaitRecorded(UUID eventId) {
        await().atMost(Duration.ofSeconds(30))
                .alias("the adapter recorded event " + eventId)
                .until(() -> postingsFor(eventId) == 1);
    }

    protected int postingsFor(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM posting WHERE source_event_id = :id")
                .param("id", eventId)
                .query(Integer.class)
                .single();
    }

    /** A column of the event's posting, as text. */
    protected String posting(UUID eventId, String column) {
        return jdbc.sql(
                        "SELECT CAST("
                                + column
                                + " AS text) FROM posting WHERE source_event_id = :id")
                .param("id", eventId)
                .query(String.class)
                .single();
    }

    /** The documents SAP holds for the event. */
    protected static List<GeneralLedger.Document> documentsFor(UUID eventId) {
        return SAP.ledger().withItemText(eventId.toString());
    }
}
