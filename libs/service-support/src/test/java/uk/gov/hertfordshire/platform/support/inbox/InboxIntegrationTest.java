package uk.gov.hertfordshire.platform.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.support.testapp.TestServiceApplication;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

@PlatformIntegrationTest
class InboxIntegrationTest {

    @Autowired JdbcTemplate jdbc;
    @Autowired MeterRegistry meters;

    @Autowired
    @Qualifier("platformEventTemplate")
    KafkaTemplate<String, byte[]> kafka;

    @Autowired KafkaProperties kafkaProperties;

    @LocalServerPort int port;

    private final CloudEvents cloudEvents = new CloudEvents();

    @AfterEach
    void unfixPoison() {
        TestServiceApplication.POISON_FIXED.set(false);
    }

    @Test
    void listenersFetchSixteenKilobytesOrHalfASecondNotEachEvent() {
        // The listeners' consumers are built from these (SubscriptionListeners.consumerConfig).
        // Kafka's own minimum would be 1 byte: a fetch per event under load.
        assertThat(kafkaProperties.buildConsumerProperties())
                .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 * 1024)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    }

    @Test
    void theSameEventDeliveredTwiceThroughKafkaIsHandledOnce() throws Exception {
        double skippedBefore = duplicatesSkipped();
        String subject = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> event = record(subject, UUID.randomUUID());
        int partition = kafka.send(event).get().getRecordMetadata().partition();
        kafka.send(copy(event, partition)).get();
        String control = UUID.randomUUID().toString();
        kafka.send(copy(record(control, UUID.randomUUID()), partition)).get();

        await("the later event on the same partition is handled")
                .atMost(Duration.ofSeconds(30))
                .until(() -> handledCount(control) == 1);
        assertThat(handledCount(subject)).isEqualTo(1);
        assertThat(duplicatesSkipped() - skippedBefore).isEqualTo(1);
        assertThat(TestServiceApplication.ATTEMPTS.get(subject).get())
                .as("the handler ran once: the inbox stopped the second delivery")
                .isEqualTo(1);
    }

    @Test
    void aPoisonEventGoesToTheGroupsDeadLetterTopicAfterBoundedRetriesAndTheNextOneIsHandled()
            throws Exception {
        String poison =
                TestServiceApplication.POISON_PREFIX + UUID.randomUUID().toString().substring(14);
        ProducerRecord<String, byte[]> poisonRecord = record(poison, UUID.randomUUID());
        int partition = kafka.send(poisonRecord).get().getRecordMetadata().partition();
        String next = UUID.randomUUID().toString();
        kafka.send(copy(record(next, UUID.randomUUID()), partition)).get();

        await("the event after the poison one on the same partition is handled")
                .atMost(Duration.ofSeconds(30))
                .until(() -> handledCount(next) == 1);
        String deadLetterTopic = Topics.deadLetter(Topics.CASES, TestServiceApplication.GROUP);
        List<ConsumerRecord<String, byte[]>> deadLetters =
                await().atMost(Duration.ofSeconds(10))
                        .until(
                                () ->
                                        KafkaTopicReader.readAll(
                                                        TestInfrastructure.shared()
                                                                .kafkaBootstrapServers(),
                                                        deadLetterTopic)
                                                .stream()
                                                .filter(r -> poison.equals(r.key()))
                                                .toList(),
                                list -> list.size() == 1);
        assertThat(deadLetters.get(0).partition()).isEqualTo(partition);
        assertThat(header(deadLetters.get(0), "kafka_dlt-exception-message"))
                .contains("cannot handle " + poison);
        assertThat(header(deadLetters.get(0), "kafka_dlt-original-topic")).isEqualTo(Topics.CASES);
        assertThat(TestServiceApplication.ATTEMPTS.get(poison).get())
                .as("tried max-attempts times, then dead-lettered")
                .isEqualTo(3);
        assertThat(handledCount(poison)).isZero();

        TestServiceApplication.POISON_FIXED.set(true);
        HttpResponse<String> replay =
                post("/actuator/deadletters/" + TestServiceApplication.GROUP + "/" + Topics.CASES);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("\"error\":null").contains("\"stillPending\":0");
        assertThat(handledCount(poison)).isEqualTo(1);

        HttpResponse<String> again =
                post("/actuator/deadletters/" + TestServiceApplication.GROUP + "/" + Topics.CASES);
        assertThat(again.body()).contains("\"handled\":0");
        assertThat(handledCount(poison)).as("a second replay re-drives nothing").isEqualTo(1);
    }

    /**
     * A dead letter that can never succeed (not an event at all) is parked, reported and passed
     * over: the dead letter behind it on the same partition is handled in the same replay. A later
     * replay tries the parked one again and leaves it parked.
     */
    @Test
    void aDeadLetterThatFailsAgainIsParkedAndTheReplayGoesOnPastIt() throws Exception {
        String deadLetters = Topics.CASES + "." + TestServiceApplication.GROUP + ".DLT";
        String behind = UUID.randomUUID().toString();
        String malformedKey = "malformed-" + UUID.randomUUID();
        kafka.send(
                        new ProducerRecord<>(
                                deadLetters,
                                0,
                                malformedKey,
                                "not a CloudEvent".getBytes(StandardCharsets.UTF_8)))
                .get();
        kafka.send(copy(record(behind, UUID.randomUUID()), deadLetters, 0)).get();
        String replayPath =
                "/actuator/deadletters/" + TestServiceApplication.GROUP + "/" + Topics.CASES;
        try {
            HttpResponse<String> replay = post(replayPath);
            HttpResponse<String> again = post(replayPath);
            String listed = get("/actuator/deadletters");

            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(handledCount(behind)).as("the dead letter behind it").isEqualTo(1);
            assertThat(replay.body()).contains("\"parked\":1").contains("\"stillPending\":0");
            assertThat(again.body()).contains("\"handled\":0").contains("\"parked\":1");
            assertThat(listed).contains(malformedKey).contains("\"attempts\":2");
        } finally {
            jdbc.update(
                    "DELETE FROM platform.parked_dead_letter WHERE record_key = ?", malformedKey);
        }
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header(
                                        "Authorization",
                                        TestIssuer.shared().staff("admin-judy", "ADMIN").bearer())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static ProducerRecord<String, byte[]> copy(
            ProducerRecord<String, byte[]> record, String topic, int partition) {
        return new ProducerRecord<>(
                topic, partition, record.key(), record.value(), record.headers());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header(
                                        "Authorization",
                                        TestIssuer.shared().staff("admin-judy", "ADMIN").bearer())
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private double duplicatesSkipped() {
        var counter =
                meters.find("inbox.duplicates.skipped")
                        .tag("group", TestServiceApplication.GROUP)
                        .counter();
        return counter == null ? 0 : counter.count();
    }

    private long handledCount(String subject) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM handled_event WHERE subject = ?", Long.class, subject);
    }

    private ProducerRecord<String, byte[]> record(String caseId, UUID eventId) {
        CaseSubmitted event =
                new CaseSubmitted(caseId, "pothole", Channel.APP, Instant.now(), null, null);
        return cloudEvents.toProducerRecord(cloudEvents.toCloudEvent(event, eventId, null));
    }

    private static ProducerRecord<String, byte[]> copy(
            ProducerRecord<String, byte[]> record, int partition) {
        return new ProducerRecord<>(
                record.topic(), partition, record.key(), record.value(), record.headers());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
