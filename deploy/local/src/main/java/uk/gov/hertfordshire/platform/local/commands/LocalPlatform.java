package uk.gov.hertfordshire.platform.local.commands;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The single-copy platform {@code ./platform up} runs, as its operator commands reach it: every
 * component on 127.0.0.1 at the ports the topology declares, and one HTTP client.
 */
final class LocalPlatform {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final Topology topology;
    private final HttpClient http;

    LocalPlatform(Topology topology) {
        this.topology = topology;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    /** The port a component serves its API on. */
    int port(String component) {
        return topology.component(component).port();
    }

    /** {@code http://127.0.0.1:<port>}, where a component serves its API. */
    String baseUrl(String component) {
        return "http://127.0.0.1:" + port(component);
    }

    URI uri(String component, String path) {
        return URI.create(baseUrl(component) + path);
    }

    /** Whether a component's health check answers UP (on its actuator's port). */
    boolean isUp(String component) {
        Component c = topology.component(component);
        try {
            HttpResponse<String> health =
                    send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + c.actuatorPort()
                                                            + c.health()))
                                    .timeout(HEALTH_TIMEOUT)
                                    .build());
            return health.statusCode() / 100 == 2 && health.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The components the single-copy platform runs that own a database: the ones that consume
     * events, and so have dead letters. In declaration order.
     */
    List<String> dataOwners() {
        return topology.components().stream()
                .filter(c -> c.kind() == Component.Kind.SERVICE || c.kind() == Component.Kind.LOCAL)
                .filter(c -> c.replicas().single() > 0 && c.database() != null)
                .map(Component::name)
                .toList();
    }

    /** Sends a request; an interruption is an I/O failure like any other here. */
    HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    /** A body as JSON; a missing node where it is not JSON, so every field reads as absent. */
    static JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }

    /** A field's value as text, "" where it is absent or null. */
    static String text(JsonNode node, String field) {
        return node.path(field).asString();
    }
}
