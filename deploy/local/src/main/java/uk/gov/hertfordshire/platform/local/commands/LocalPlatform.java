package uk.gov.hertfordshire.platform.local.commands;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The running platform as its operator commands reach it: every component on 127.0.0.1, and one
 * HTTP client. For the single copy ({@code ./platform up}) at the ports the topology declares;
 * while a cluster runs ({@code ./platform up --cluster}) a component with more than one replica is
 * reached at its first replica that answers its health check (the topology's cluster port rule:
 * replica 2 of case-service on 8281), so a command still works with a replica stopped.
 */
final class LocalPlatform {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final Topology topology;
    private final boolean cluster;
    private final HttpClient http;
    // The replica each component is reached at while a cluster runs, chosen on first use.
    private final Map<String, Integer> replicas = new HashMap<>();

    /** The single copy's components, at their declared ports. */
    LocalPlatform(Topology topology) {
        this(topology, false);
    }

    /** The single copy's components, or the cluster's when {@code cluster} (one runs). */
    LocalPlatform(Topology topology, boolean cluster) {
        this.topology = topology;
        this.cluster = cluster;
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
    }

    /** The port a component serves its API on. */
    int port(String component) {
        Component c = topology.component(component);
        return at(c, c.port());
    }

    /** One of a component's declared ports, moved to the replica it is reached at. */
    private int at(Component c, int declaredPort) {
        if (!cluster || c.replicas().cluster() == 1) {
            return declaredPort;
        }
        int replica = replicas.computeIfAbsent(c.name(), name -> firstHealthyReplica(c));
        return topology.clusterPort(c, declaredPort, replica);
    }

    /**
     * The first of a cluster component's replicas whose health check answers UP, else the first.
     */
    private int firstHealthyReplica(Component c) {
        for (int replica = 1; replica <= c.replicas().cluster(); replica++) {
            if (answersUp(topology.clusterPort(c, c.actuatorPort(), replica), c.health())) {
                return replica;
            }
        }
        return 1;
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
        return answersUp(at(c, c.actuatorPort()), c.health());
    }

    private boolean answersUp(int actuatorPort, String healthPath) {
        try {
            HttpResponse<String> health =
                    send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + actuatorPort
                                                            + healthPath))
                                    .timeout(HEALTH_TIMEOUT)
                                    .build());
            return health.statusCode() / 100 == 2 && health.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The components the running platform (the single copy or the cluster) runs that own a
     * database: the ones that consume events, and so have dead letters. In declaration order.
     */
    List<String> dataOwners() {
        return topology.components().stream()
                .filter(c -> c.kind() == Component.Kind.SERVICE || c.kind() == Component.Kind.LOCAL)
                .filter(c -> (cluster ? c.replicas().cluster() : c.replicas().single()) > 0)
                .filter(c -> c.database() != null)
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
