package uk.gov.hertfordshire.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a service behind the gateway (a plain JDK HTTP server) that records what reached
 * it: the gateway's own behaviour is what these tests are about. Paths containing {@code flaky}
 * answer 500, {@code slow} answer after two seconds, anything else 200 with a short body; {@code
 * /actuator/health/...} answers as a service's readiness does.
 */
final class StubService {

    final List<Map<String, List<String>>> headersSeen = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final Map<String, Integer> bodyBytes = new ConcurrentHashMap<>();

    /** When set, what every path outside /actuator answers (a replica that fails its requests). */
    volatile int forcedStatus;

    /** What its readiness check ({@code /actuator/health/...}) says: 200, or 503 when false. */
    volatile boolean ready = true;

    private final HttpServer server;

    StubService() {
        this(0);
    }

    /** On a given port: a replica coming back where it was. */
    StubService(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Requests whose path starts with the prefix, readiness checks aside. */
    int hitsStartingWith(String prefix) {
        return hits.entrySet().stream()
                .filter(hit -> hit.getKey().startsWith(prefix))
                .mapToInt(hit -> hit.getValue().get())
                .sum();
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        headersSeen.add(Map.copyOf(exchange.getRequestHeaders()));
        bodyBytes.put(path, exchange.getRequestBody().readAllBytes().length);
        String id = exchange.getRequestHeaders().getFirst("X-Request-Id");
        if (id != null) {
            // Services echo the id, as the real ones do.
            exchange.getResponseHeaders().set("X-Request-Id", id);
        }
        if (path.contains("slow")) {
            // A slow service answers later, from another thread: nothing here blocks or sleeps.
            CompletableFuture.runAsync(
                    () -> respond(exchange, path),
                    CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS));
            return;
        }
        respond(exchange, path);
    }

    private void respond(HttpExchange exchange, String path) {
        int status;
        if (path.startsWith("/actuator/")) {
            status = ready ? 200 : 503;
        } else if (forcedStatus != 0) {
            status = forcedStatus;
        } else {
            status = path.contains("flaky") ? 500 : 200;
        }
        byte[] body = ("seen " + path).getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException gatewayGaveUp) {
            // The gateway timed out and closed the connection: that is the point of "slow".
        } finally {
            exchange.close();
        }
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
