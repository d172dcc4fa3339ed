package uk.gov.hertfordshire.platform.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.testapp.TestServiceApplication;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * The correlation id and W3C trace context of an HTTP request travel with the event it causes,
 * through the outbox and Kafka, into the consumer's logging context.
 */
@PlatformIntegrationTest
class TraceAndCorrelationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @LocalServerPort int port;

    @Test
    void requestIdsAndTraceContextReachTheConsumersLogs() throws Exception {
        HttpResponse<String> created =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + port + "/widgets"))
                                        .header("Content-Type", "application/json")
                                        .header("X-Request-Id", "citizen-call-991")
                                        .header(
                                                "Authorization",
                                                TestIssuer.shared().citizen("alice").bearer())
                                        .header(
                                                "traceparent",
                                                "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"service\":\"pothole\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.headers().firstValue("Location").orElseThrow().replace("/widgets/", "");

        ConsumerRecord<String, byte[]> record =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        KafkaTopicReader.readAll(
                                                        TestInfrastructure.shared()
                                                                .kafkaBootstrapServers(),
                                                        Topics.CASES)
                                                .stream()
                                                .filter(r -> id.equals(r.key()))
                                                .findFirst()
                                                .orElse(null),
                                r -> r != null);
        assertThat(header(record, "ce_correlationid")).isEqualTo("citizen-call-991");
        assertThat(header(record, "traceparent")).startsWith("00-" + TRACE_ID + "-");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestServiceApplication.LOGGING_CONTEXT.containsKey(id));
        assertThat(TestServiceApplication.LOGGING_CONTEXT.get(id))
                .isEqualTo("citizen-call-991|" + TRACE_ID);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
