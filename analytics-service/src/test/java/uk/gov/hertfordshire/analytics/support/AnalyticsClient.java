package uk.gov.hertfordshire.analytics.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * What the analytics tests do: publish real CloudEvents to the shared broker, and call the API as
 * an analyst or administrator.
 */
public final class AnalyticsClient implements AutoCloseable {

    public static final TestIssuer.TokenBuilder ANALYST =
            TestIssuer.shared().staff("analyst-ivan", "ANALYST");
    public static final TestIssuer.TokenBuilder ADMIN =
            TestIssuer.shared().staff("admin-judy", "ADMIN");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KafkaTopicWriter kafka = KafkaTopicWriter.toSharedBroker();

    public AnalyticsClient(int port) {
        this.port = port;
    }

    /** Publishes the event under a new event id; returns the id. */
    public UUID publish(DomainEvent event) {
        return publish(event, UUID.randomUUID());
    }

    /** Publishes the event under the given event id (twice with the same id is a redelivery). */
    public UUID publish(DomainEvent event, UUID eventId) {
        return kafka.publish(event, eventId);
    }

    /** Sends the records all at once, in order, and waits until the broker has every one. */
    public void publishAll(List<ProducerRecord<String, byte[]>> records) {
        kafka.sendAll(records);
    }

    public HttpResponse<String> get(String path, TestIssuer.TokenBuilder token) {
        return send(builder(path).header("Authorization", token.bearer()).GET().build());
    }

    public HttpResponse<String> post(String path, TestIssuer.TokenBuilder token) {
        return send(
                builder(path)
                        .header("Authorization", token.bearer())
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    /** The analyst's view of a path, as JSON; fails unless it answers 200. */
    public JsonNode json(String path) {
        return json(path, ANALYST);
    }

    /** The JSON a path answers for this token; fails unless it answers 200. */
    public JsonNode json(String path, TestIssuer.TokenBuilder token) {
        HttpResponse<String> response = get(path, token);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public static JsonNode parse(String body) {
        return JSON.readTree(body);
    }

    private HttpRequest.Builder builder(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("Could not call " + request.uri(), e);
        }
    }

    @Override
    public void close() {
        kafka.close();
    }
}
