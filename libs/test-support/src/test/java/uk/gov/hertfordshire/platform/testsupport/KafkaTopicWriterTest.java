package uk.gov.hertfordshire.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;

class KafkaTopicWriterTest {

    static final String BOOTSTRAP = TestInfrastructure.shared().kafkaBootstrapServers();
    static final String ORDERED = "writer.ordered";

    @BeforeAll
    static void declareTopics() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            for (NewTopic topic :
                    List.of(
                            new NewTopic(Topics.SAP_HR, 1, (short) 1),
                            new NewTopic(ORDERED, 1, (short) 1))) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    @Test
    void anEventIsOnItsTopicAsItsProducerSendsItWhenPublishReturns() {
        StaffMemberChanged change =
                new StaffMemberChanged(
                        "00077701",
                        "HWY-INSPECT",
                        List.of("OFFICER"),
                        true,
                        Instant.parse("2026-03-02T09:00:00Z"));
        UUID eventId = UUID.randomUUID();

        ConsumerRecord<String, byte[]> record;
        try (KafkaTopicWriter writer = new KafkaTopicWriter(BOOTSTRAP)) {
            assertThat(writer.publish(change, eventId)).isEqualTo(eventId);

            // Read at once, before close() could flush anything still buffered: publish returned
            // only when the broker had it.
            record =
                    KafkaTopicReader.readAll(BOOTSTRAP, Topics.SAP_HR).stream()
                            .filter(each -> eventId.toString().equals(header(each, "ce_id")))
                            .findFirst()
                            .orElseThrow();
        }
        assertThat(record.key()).isEqualTo("00077701");
        assertThat(header(record, "ce_type"))
                .isEqualTo("uk.gov.hertfordshire.sap.hr.staff-member-changed.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/sap-adapter");
        byte[] data = new CloudEvents().fromConsumerRecord(record).getData().toBytes();
        assertThat(new EventSerializer().fromJson(data, StaffMemberChanged.class))
                .isEqualTo(change);
    }

    @Test
    void recordsSentTogetherAreAllThereInTheirOrder() {
        String run = UUID.randomUUID().toString();
        List<ProducerRecord<String, byte[]>> records =
                IntStream.range(0, 50)
                        .mapToObj(
                                i ->
                                        new ProducerRecord<>(
                                                ORDERED,
                                                run,
                                                (run + "/" + i).getBytes(StandardCharsets.UTF_8)))
                        .toList();

        List<String> onTheTopic;
        try (KafkaTopicWriter writer = new KafkaTopicWriter(BOOTSTRAP)) {
            writer.sendAll(records);

            // Before close(), which would send anything still buffered.
            onTheTopic =
                    KafkaTopicReader.readAll(BOOTSTRAP, ORDERED).stream()
                            .filter(record -> run.equals(record.key()))
                            .map(record -> new String(record.value(), StandardCharsets.UTF_8))
                            .toList();
        }
        assertThat(onTheTopic)
                .containsExactlyElementsOf(
                        IntStream.range(0, 50).mapToObj(i -> run + "/" + i).toList());
    }

    @Test
    void aRecordForATopicNobodyDeclaredFailsTheSendInsteadOfVanishing() {
        try (KafkaTopicWriter writer = new KafkaTopicWriter(BOOTSTRAP, Duration.ofSeconds(2))) {
            // Positive control: the same writer, a declared topic.
            assertThat(writer.send(new ProducerRecord<>(ORDERED, "k", new byte[] {1})).topic())
                    .isEqualTo(ORDERED);

            long started = System.nanoTime();
            assertThatThrownBy(
                            () ->
                                    writer.send(
                                            new ProducerRecord<>(
                                                    "writer.undeclared", "k", new byte[] {1})))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("writer.undeclared");
            // Within the writer's metadata wait (2 s here), not the client's default minute.
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(Duration.ofSeconds(20));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
