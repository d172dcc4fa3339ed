package uk.gov.hertfordshire.analytics.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.content.FeedbackReceived;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * "This answered my question" from content.events is counted as a contact avoided under each of the
 * item's services, on its London day, and valued at a phone contact less a web one (the default
 * unit costs: £2.83 - £0.15 = £2.68 each).
 */
@PlatformIntegrationTest
class ContactsAvoidedIntegrationTest {

    private static final TestIssuer.TokenBuilder ANALYST =
            TestIssuer.shared().staff("analyst-ivan", "ANALYST");

    @LocalServerPort int port;

    private final CloudEvents cloudEvents = new CloudEvents();
    private final KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            TestInfrastructure.shared().kafkaBootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer());
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void feedbackIsCountedUnderEachServiceOfTheItemOnItsLondonDay() throws Exception {
        String item = UUID.randomUUID().toString();
        UUID twice = UUID.randomUUID();
        // 23:30 UTC on 14 July 2026 is 00:30 BST on 15 July.
        publish(feedback(item, List.of("pothole", "street-light"), "2026-07-14T23:30:00Z"), twice);
        publish(feedback(item, List.of("pothole", "street-light"), "2026-07-14T23:30:00Z"), twice);
        publish(feedback(item, List.of("pothole"), "2026-07-15T12:00:00Z"), UUID.randomUUID());
        publish(feedback(item, List.of(), "2026-07-15T13:00:00Z"), UUID.randomUUID());

        String july15 = "/api/analytics/contacts-avoided?from=2026-07-15&to=2026-07-15";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(july15).contains("\"totalContactsAvoided\":4"));
        assertThat(get(july15))
                .contains(
                        "{\"day\":\"2026-07-15\",\"serviceCode\":\"pothole\",\"contactsAvoided\":2,"
                                + "\"costSaved\":5.36}")
                .contains(
                        "\"serviceCode\":\"street-light\",\"contactsAvoided\":1,\"costSaved\":2.68}")
                .contains("\"serviceCode\":\"\",\"contactsAvoided\":1")
                .contains("\"savingPerContact\":2.68")
                .contains("\"totalCostSaved\":10.72");
        assertThat(get("/api/analytics/contacts-avoided?from=2026-07-14&to=2026-07-14"))
                .contains("\"totalContactsAvoided\":0");
    }

    @Test
    void theReportIsForAnalystsOnly() throws Exception {
        String path = "/api/analytics/contacts-avoided?from=2026-07-15&to=2026-07-15";
        assertThat(send(path, TestIssuer.shared().citizen("alice")).statusCode()).isEqualTo(403);
        assertThat(send(path, ANALYST).statusCode()).isEqualTo(200);
    }

    private static FeedbackReceived feedback(String item, List<String> services, String at) {
        return new FeedbackReceived(
                UUID.randomUUID().toString(), item, 1, "web", services, Instant.parse(at));
    }

    private void publish(FeedbackReceived event, UUID eventId) throws Exception {
        producer.send(cloudEvents.toProducerRecord(cloudEvents.toCloudEvent(event, eventId, null)))
                .get();
    }

    private HttpResponse<String> send(String path, TestIssuer.TokenBuilder token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", token.bearer())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return send(path, ANALYST).body();
    }
}
