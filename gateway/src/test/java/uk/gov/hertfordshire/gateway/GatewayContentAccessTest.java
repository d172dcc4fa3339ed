package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Anonymous callers may read content and say a public page answered their question; every other
 * write to content needs a token, and is refused at the gateway without reaching the service. A
 * published page on a public channel is answered from the gateway's memory for its time to live
 * (route content-public-pages, ADR 27); a staff channel's never is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayContentAccessTest {

    static final HttpServer content = startContentStandIn();
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    /** The revision the stand-in serves every page at. */
    static final AtomicInteger revision = new AtomicInteger(1);

    static final String STAFF =
            TestIssuer.shared().staff("grace", "AGENT").staffId("00010003").encode();
    static final String OTHER_STAFF =
            TestIssuer.shared().staff("dan", "OFFICER").staffId("00010002").encode();
    static final String ITEM =
            "/api/content/channels/web/items/0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84";

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        TestIssuer.shared()
                .trustProperties()
                .forEach((name, value) -> registry.add(name, () -> value));
        registry.add(
                "platform.services.content-service",
                () -> "http://127.0.0.1:" + content.getAddress().getPort());
        registry.add("platform.content-pages.time-to-live", () -> "2s");
    }

    @AfterAll
    static void stop() {
        content.stop(0);
    }

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anonymousFeedbackOnAPublicChannelReachesTheServiceButAnAnonymousDraftDoesNot() {
        assertThat(post(ITEM + "/feedback").statusCode()).isEqualTo(200);
        assertThat(hits.get(ITEM + "/feedback")).hasValue(1);

        assertThat(post("/api/content/items").statusCode()).isEqualTo(401);
        assertThat(post("/api/content/channels/intranet/items/x/feedback").statusCode())
                .isEqualTo(401);
        assertThat(hits)
                .doesNotContainKeys(
                        "/api/content/items", "/api/content/channels/intranet/items/x/feedback");
    }

    @Test
    void aPublicPageIsAnsweredFromTheGatewaysMemoryWithTheCallersOwnHeaders() {
        String page = "/api/content/channels/web/pages?path=/cached/once";
        HttpResponse<String> first = get(page, null, "first-read");
        HttpResponse<String> second = get(page, null, "second-read");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("ETag"))
                .isEqualTo(first.headers().firstValue("ETag"));
        assertThat(hits.get(page)).hasValue(1);
        // Its own request id, not that of the read that filled the cache (nor the service's).
        assertThat(second.headers().allValues("X-Request-Id")).containsExactly("second-read");
        assertThat(first.headers().allValues("X-Request-Id")).containsExactly("first-read");
        // Never fresher for longer than the gateway keeps it.
        assertThat(second.headers().firstValue("Cache-Control").orElseThrow())
                .matches("(?i).*max-age=[0-2]\\b.*");

        String tv = "/api/content/channels/digital_tv/pages?path=/cached/once";
        get(tv, null, null);
        get(tv, null, null);
        assertThat(hits.get(tv)).hasValue(1);
    }

    @Test
    void aStaffChannelPageIsNeverKeptEvenWhenTheServiceCallsItPublic() {
        // The stand-in sends "public, max-age=60" on every channel: the route alone keeps staff
        // channels out of the cache. Beside it, the same reads on web are kept.
        for (String channel : List.of("intranet", "contact_centre")) {
            String page = "/api/content/channels/" + channel + "/pages?path=/staff/only";
            assertThat(get(page, STAFF, null).statusCode()).isEqualTo(200);
            assertThat(get(page, STAFF, null).statusCode()).isEqualTo(200);
            assertThat(get(page, OTHER_STAFF, null).statusCode()).isEqualTo(200);
            // Anonymous: the gateway passes content reads on, and the service (here a stand-in
            // that answers anyway) refuses a staff channel; never a copy of a staff answer.
            get(page, null, null);
            assertThat(hits.get(page)).as(channel).hasValue(4);
        }
        String web = "/api/content/channels/web/pages?path=/staff/control";
        get(web, STAFF, null);
        get(web, STAFF, null);
        assertThat(hits.get(web)).hasValue(1);
        // Nor any other content read: only the pages route names the cache.
        String list = "/api/content/channels/web/items?topic=roads";
        get(list, null, null);
        get(list, null, null);
        assertThat(hits.get(list)).hasValue(2);
    }

    @Test
    void aNewRevisionIsServedWithinTheCachesTimeToLive() {
        String page = "/api/content/channels/web/pages?path=/cached/republished";
        assertThat(get(page, null, null).body()).contains("\"revision\":1");
        revision.set(2);
        try {
            // Still the kept copy at first: the cache is in play.
            assertThat(get(page, null, null).body()).contains("\"revision\":1");
            // Within the time to live (2 s here), the new revision.
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(
                            () ->
                                    assertThat(get(page, null, null).body())
                                            .contains("\"revision\":2"));
            assertThat(hits.get(page)).hasValue(2);
        } finally {
            revision.set(1);
        }
    }

    private HttpResponse<String> get(String path, String token, String requestId) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> post(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpServer startContentStandIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(
                    "/",
                    exchange -> {
                        URI uri = exchange.getRequestURI();
                        String query = uri.getRawQuery();
                        hits.computeIfAbsent(
                                        uri.getPath() + (query == null ? "" : "?" + query),
                                        p -> new AtomicInteger())
                                .incrementAndGet();
                        if (!uri.getPath().endsWith("/pages")) {
                            exchange.sendResponseHeaders(200, -1);
                            exchange.close();
                            return;
                        }
                        // As content-service answers a page, but "public" on every channel.
                        int served = revision.get();
                        byte[] body =
                                ("{\"path\":\"" + query + "\",\"revision\":" + served + "}")
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.getResponseHeaders().set("ETag", "\"page-r" + served + "\"");
                        exchange.getResponseHeaders().set("Cache-Control", "max-age=60, public");
                        exchange.getResponseHeaders().set("X-Request-Id", "from-the-service");
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
