package uk.gov.hertfordshire.platform.local.commands;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for one of our components on a loopback port, answering what each test tells it to, in
 * the shapes the real endpoints answer (each test names the endpoint it mirrors), and recording
 * every request it receives. Anything not set up answers 404 as Spring does for an unknown path.
 */
final class FakeService implements AutoCloseable {

    /** A request as received. */
    record Request(String method, String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** An answer: status, content type and body. */
    record Answer(int status, String contentType, String body) {

        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }

        static Answer problem(int status, String body) {
            return new Answer(status, "application/problem+json", body);
        }
    }

    /** What actuator's health endpoint answers on a service that is up. */
    static final String HEALTH_UP = "{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}";

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Answer> otherwise = FakeService::notFound;

    FakeService() {
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** A service that is up (its health check answers UP). */
    static FakeService up() {
        FakeService service = new FakeService();
        service.answer("GET", "/actuator/health", Answer.json(200, HEALTH_UP));
        return service;
    }

    int port() {
        return server.getAddress().getPort();
    }

    FakeService answer(String method, String path, Answer answer) {
        return answer(method, path, request -> answer);
    }

    FakeService answer(String method, String path, Function<Request, Answer> answer) {
        routes.put(method + " " + path, answer);
        return this;
    }

    /** What answers a request no route matches (by default Spring's 404 for an unknown path). */
    FakeService otherwise(Function<Request, Answer> answer) {
        otherwise = answer;
        return this;
    }

    static Answer notFound(Request request) {
        return Answer.problem(
                404,
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"No static resource "
                        + request.path().substring(1)
                        + ".\",\"instance\":\""
                        + request.path()
                        + "\"}");
    }

    /** Every request received, in order. */
    List<Request> received() {
        return new ArrayList<>(received);
    }

    /** The requests received to a path other than the health check. */
    List<Request> calls() {
        return received.stream().filter(r -> !r.path().equals("/actuator/health")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request =
                new Request(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        Map.copyOf(exchange.getRequestHeaders()),
                        body);
        received.add(request);
        Function<Request, Answer> route = routes.get(request.method() + " " + request.path());
        Answer answer = route != null ? route.apply(request) : otherwise.apply(request);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
