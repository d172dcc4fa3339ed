package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * The gateway's own behaviour, in front of a stand-in upstream (a plain JDK HTTP server that
 * records what reached it) and in front of a port where nothing listens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    static final HttpServer upstream = startUpstream();
    static final List<String> seenRequestIds = new CopyOnWriteArrayList<>();
    static final Map<String, String> seenTraceparents = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    static final TestIssuer issuer = TestIssuer.shared();
    static final String TOKEN = issuer.citizen("alice").encode();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        issuer.trustProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add(
                "platform.services.case-service",
                () -> "http://127.0.0.1:" + upstream.getAddress().getPort());
        registry.add("platform.services.content-service", () -> "http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void stop() {
        upstream.stop(0);
    }

    @LocalServerPort int port;
    @Autowired MeterRegistry meters;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void routesCasesAndGivesTheServiceAndTheCallerTheSameNewRequestId() throws Exception {
        HttpResponse<String> response = send("GET", "/api/cases/abc", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("case abc");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly(requestId);
        assertThat(seenRequestIds).contains(requestId);
    }

    @Test
    void keepsAPlausibleCallerRequestIdAndReplacesAForgedOne() throws Exception {
        HttpResponse<String> kept = send("GET", "/api/cases/k1", "caller-id-7");
        HttpResponse<String> replaced = send("GET", "/api/cases/k2", "x".repeat(200));

        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("caller-id-7");
        String replacement = replaced.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(replacement).matches("[0-9a-f-]{36}");
        // The service sees the same ids as the caller, never the forged one.
        assertThat(seenRequestIds)
                .contains("caller-id-7", replacement)
                .doesNotContain("x".repeat(200));
    }

    @Test
    void aServiceThatDoesNotAnswerGivesA503ProblemNotAStackTrace() throws Exception {
        long before = served(FALLBACK_503);

        HttpResponse<String> response = send("GET", "/api/content/news", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("not answering").doesNotContain("Exception");
        // The gateway's own 503 is a failure of its route's SLO (ADR 45): counted on the route, and
        // told from a service's own 503 by the fallback's uri (runbook ErrorBudgetBurn).
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(served(FALLBACK_503)).isEqualTo(before + 1));
    }

    static final String[] FALLBACK_503 = {
        "route", "content", "status", "503", "uri", "/fallback/unavailable"
    };

    /** Requests the gateway's request timer counted with these tags. */
    private long served(String... tags) {
        Timer timer = meters.find("http.server.requests").tags(tags).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void retriesAFailedReadButNeverAWrite() throws Exception {
        send("GET", "/api/cases/flaky-read", null);
        send("POST", "/api/cases/flaky-write", null);

        assertThat(hits.get("/api/cases/flaky-read").get()).as("1 try + 2 retries").isEqualTo(3);
        assertThat(hits.get("/api/cases/flaky-write").get()).isEqualTo(1);
    }

    @Test
    void passesOnAServicesOwn503WithoutRetryingIt() throws Exception {
        HttpResponse<String> busy = send("GET", "/api/cases/busy-read", null);
        send("GET", "/api/cases/flaky-read-beside-busy", null);

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(hits.get("/api/cases/busy-read").get()).as("asked once").isEqualTo(1);
        assertThat(hits.get("/api/cases/flaky-read-beside-busy").get())
                .as("a 500 beside it: 1 try + 2 retries")
                .isEqualTo(3);
    }

    @Test
    void exposesNothingThatIsNotRouted() throws Exception {
        assertThat(send("GET", "/api/secret", null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/actuator/env", null).statusCode()).isIn(403, 404);
        assertThat(send("GET", "/api/cases/visible", null).statusCode()).isEqualTo(200);
    }

    @Test
    void routesCaseServicesOtherApisThereAndNothingBesideThem() throws Exception {
        for (String path :
                List.of("/api/officers", "/api/catalogue/services", "/api/open311/keys")) {
            HttpResponse<String> routed = send("GET", path, null);
            assertThat(routed.statusCode()).as(path).isEqualTo(200);
            assertThat(hits.get(path)).as(path).isNotNull();
        }
        assertThat(send("GET", "/api/officers-and-secrets", null).statusCode()).isEqualTo(404);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void startsATraceOfItsOwnPassesItOnAndLogsItsIdsWhateverTraceTheCallerClaims(
            CapturedOutput output) throws Exception {
        String claimedTrace = "ab".repeat(16);
        String claimedSpan = "cd".repeat(8);
        send(
                "GET",
                "/api/cases/t1",
                "trace-claimed",
                "00-" + claimedTrace + "-" + claimedSpan + "-01");
        send("GET", "/api/cases/t2", "trace-unclaimed", null);

        String w3c = "00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]";
        assertThat(seenTraceparents.get("trace-unclaimed")).matches(w3c);
        String passedOn = seenTraceparents.get("trace-claimed");
        assertThat(passedOn)
                .matches(w3c)
                .doesNotContain(claimedTrace)
                .doesNotContain(claimedSpan)
                // The caller's "sampled" flag does not switch sampling on either.
                .endsWith("-00");
        String traceId = passedOn.split("-")[1];
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                output.getOut()
                                        .lines()
                                        .anyMatch(
                                                line ->
                                                        line.contains(
                                                                        "\"traceId\":\""
                                                                                + traceId
                                                                                + "\"")
                                                                && line.contains(
                                                                        "\"requestId\":\"trace-claimed\"")));
    }

    /**
     * Spring's own lines about a request (here WebFlux's "Completed" line, at DEBUG) begin with the
     * request's trace and span ids, the ones its access-log line carries, as the services' lines
     * do, not with Reactor Netty's connection number. WebFlux's first line ("HTTP GET ...") is
     * written before the request's observation starts, when no trace id exists yet, so it keeps the
     * connection number.
     *
     * <p>The "Completed" line is written once the gateway's handling finishes, which can be after
     * the client has read the whole response (about one request in five on this machine, on Reactor
     * Netty 1.3.6 as on 1.3.8), so the level stays at DEBUG until the line is seen.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void springsOwnLogLinesAboutARequestBeginWithItsTraceAndSpanIds(CapturedOutput output)
            throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        String adapter = "org.springframework.web.server.adapter.HttpWebHandlerAdapter";
        logging.setLogLevel(adapter, LogLevel.DEBUG);
        try {
            HttpResponse<String> response = send("GET", "/api/cases/logged", "trace-logged");
            assertThat(response.statusCode()).isEqualTo(200);

            String accessLine =
                    await().atMost(Duration.ofSeconds(5))
                            .until(
                                    () -> lineContaining(output, "\"requestId\":\"trace-logged\""),
                                    line -> line != null);
            String traceId = field(accessLine, "traceId");
            String spanId = field(accessLine, "spanId");
            assertThat(traceId).isEqualTo(seenTraceparents.get("trace-logged").split("-")[1]);
            String prefix = "[" + traceId + "," + spanId + "] ";

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> lineContaining(output, prefix + "Completed 200 OK") != null);
        } finally {
            logging.setLogLevel(adapter, null);
        }
    }

    private static String lineContaining(CapturedOutput output, String text) {
        return output.getOut().lines().filter(line -> line.contains(text)).findFirst().orElse(null);
    }

    private static String field(String jsonLine, String name) {
        Matcher value = Pattern.compile("\"" + name + "\":\"([0-9a-f]+)\"").matcher(jsonLine);
        assertThat(value.find()).as(name + " in " + jsonLine).isTrue();
        return value.group(1);
    }

    /**
     * Open311 is anonymous or api_key-based, so the gateway lets every method through untouched:
     * what case-service answers (its own 404 and 405 in Open311's format) reaches the civic app,
     * never a 401 from the gateway, beside /api, where a call without a token stops here.
     */
    @Test
    void everyMethodOnOpen311ReachesCaseServiceWithoutATokenBesideApiWhichNeedsOne()
            throws Exception {
        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")) {
            HttpResponse<String> answer = anonymous(method, "/open311/v2/services.json");
            assertThat(answer.statusCode())
                    .as(method)
                    .isEqualTo(method.equals("GET") || method.equals("HEAD") ? 200 : 405);
        }
        HttpResponse<String> unknown = anonymous("POST", "/open311/v2/nothing-here.json");
        HttpResponse<String> api = anonymous("DELETE", "/api/cases/anonymous-delete");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":404");
        assertThat(hits.get("/open311/v2/services.json").get()).isEqualTo(6);
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(hits).doesNotContainKey("/api/cases/anonymous-delete");
    }

    private HttpResponse<String> anonymous(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String requestId)
            throws Exception {
        return send(method, path, requestId, null);
    }

    private HttpResponse<String> send(
            String method, String path, String requestId, String traceparent) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer startUpstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(
                    "/",
                    exchange -> {
                        String path = exchange.getRequestURI().getPath();
                        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                        String id = exchange.getRequestHeaders().getFirst("X-Request-Id");
                        if (id != null) {
                            seenRequestIds.add(id);
                            String traceparent =
                                    exchange.getRequestHeaders().getFirst("traceparent");
                            if (traceparent != null) {
                                seenTraceparents.put(id, traceparent);
                            }
                            // Services echo the id, as case-service does.
                            exchange.getResponseHeaders().set("X-Request-Id", id);
                        }
                        int status =
                                path.contains("flaky") ? 500 : path.contains("busy") ? 503 : 200;
                        byte[] body =
                                ("case " + path.substring(path.lastIndexOf('/') + 1))
                                        .getBytes(StandardCharsets.UTF_8);
                        if (path.startsWith("/open311/")) {
                            // As case-service answers: GET (and HEAD) on a resource it has,
                            // 405 for any other method on it, 404 for a path it does not have.
                            String method = exchange.getRequestMethod();
                            status =
                                    path.contains("nothing-here")
                                            ? 404
                                            : method.equals("GET") || method.equals("HEAD")
                                                    ? 200
                                                    : 405;
                            body =
                                    ("[{\"code\":" + status + ",\"description\":\"...\"}]")
                                            .getBytes(StandardCharsets.UTF_8);
                        }
                        if ("HEAD".equals(exchange.getRequestMethod())) {
                            exchange.sendResponseHeaders(status, -1);
                            exchange.close();
                            return;
                        }
                        exchange.sendResponseHeaders(status, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
