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
 * answer 500, {@code slow} answer after two seconds, anything else 200 with a short body.
 */
final class StubService {

    final List<Map<String, List<String>>> headersSeen = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final Map<String, Integer> bodyBytes = new ConcurrentHashMap<>();
    private final HttpServer server;

    StubService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
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

    private static void respond(HttpExchange exchange, String path) {
        int status = path.contains("flaky") ? 500 : 200;
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
