package uk.gov.hertfordshire.analytics.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
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
    private final CloudEvents cloudEvents = new CloudEvents();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            TestInfrastructure.shared().kafkaBootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer());

    public AnalyticsClient(int port) {
        this.port = port;
    }

    /** Publishes the event under a new event id; returns the id. */
    public UUID publish(DomainEvent event) {
        return publish(event, UUID.randomUUID());
    }

    /** Publishes the event under the given event id (twice with the same id is a redelivery). */
    public UUID publish(DomainEvent event, UUID eventId) {
        try {
            producer.send(
                            cloudEvents.toProducerRecord(
                                    cloudEvents.toCloudEvent(event, eventId, null)))
                    .get();
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + event, e);
        }
    }

    /** Sends the records all at once (so the consumer can take them in one poll) and waits. */
    public void publishAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<?>> sent = new ArrayList<>();
        records.forEach(record -> sent.add(producer.send(record)));
        producer.flush();
        for (Future<?> each : sent) {
            try {
                each.get();
            } catch (Exception e) {
                throw new IllegalStateException("Could not publish", e);
            }
        }
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
        producer.close();
    }
}
