package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.gateway.PrometheusScrape.COUNT;
import static uk.gov.hertfordshire.gateway.PrometheusScrape.OK;
import static uk.gov.hertfordshire.gateway.PrometheusScrape.increase;
import static uk.gov.hertfordshire.gateway.PrometheusScrape.scrape;

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
import org.springframework.boot.test.web.server.LocalManagementPort;
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
    @LocalManagementPort int managementPort;
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
    void aCallerWhoHasTheKeptVersionGets304WithoutTheServiceBeingAsked() {
        String page = "/api/content/channels/web/pages?path=/cached/conditional";
        HttpResponse<String> first = get(page, null, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"page-r1\"");

        HttpResponse<String> current = get(page, null, null, "If-None-Match", etag);
        assertThat(current.statusCode()).isEqualTo(304);
        assertThat(current.body()).isEmpty();
        assertThat(current.headers().firstValue("ETag")).contains(etag);
        assertThat(current.headers().firstValue("Cache-Control").orElseThrow())
                .matches("(?i).*max-age=[0-2]\\b.*");
        // A weak comparison, and one of several tags, as RFC 9110 has it.
        assertThat(get(page, null, null, "If-None-Match", "\"x\", W/" + etag).statusCode())
                .isEqualTo(304);
        // Beside it, a caller holding another version gets the page.
        HttpResponse<String> stale = get(page, null, null, "If-None-Match", "\"page-r0\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(first.body());
        assertThat(hits.get(page)).hasValue(1);
    }

    @Test
    void aPublicAnswerIsSharedByCallersAndNothingElseIsEver() {
        // Marked public: one answer for every caller, token or none (RFC 9111 3.5).
        String shared = "/api/content/channels/web/pages?path=/answer/public/page";
        String first = get(shared, STAFF, null).body();
        assertThat(first).contains(STAFF.substring(STAFF.length() - 12));
        assertThat(get(shared, OTHER_STAFF, null).body()).isEqualTo(first);
        assertThat(get(shared, null, null).body()).isEqualTo(first);
        assertThat(hits.get(shared)).hasValue(1);

        // Anything the service did not mark shareable reaches it for every caller, and each
        // caller gets their own answer.
        for (String kind : List.of("private", "no-store", "no-cache", "vary", "cookie")) {
            String page = "/api/content/channels/web/pages?path=/answer/" + kind + "/page";
            assertThat(get(page, STAFF, null).body())
                    .as(kind)
                    .contains(STAFF.substring(STAFF.length() - 12));
            assertThat(get(page, OTHER_STAFF, null).body())
                    .as(kind)
                    .contains(OTHER_STAFF.substring(OTHER_STAFF.length() - 12));
            assertThat(get(page, null, null).body()).as(kind).contains("\"caller\":\"anonymous\"");
            assertThat(hits.get(page)).as(kind).hasValue(3);
        }
    }

    @Test
    void aCallerAskingForAFreshAnswerReachesTheService() {
        String page = "/api/content/channels/web/pages?path=/cached/fresh";
        get(page, null, null);
        get(page, null, null);
        assertThat(hits.get(page)).hasValue(1);
        get(page, null, null, "Cache-Control", "no-cache");
        assertThat(hits.get(page)).hasValue(2);
    }

    @Test
    void theFirewallStillRefusesAControlCharacterInAHeaderBesideThePlainHeader()
            throws IOException {
        String page = "/api/content/channels/web/pages?path=/firewall/check";
        // Byte 0x85 is read as U+0085 (NEL), a control character: Spring Security's firewall
        // refuses it when the header is read (X-Request-Id always is); the same header without it
        // passes (HeaderCharacters leaves such values to the firewall's own expression).
        assertThat(rawGet(page, new byte[] {'a', (byte) 0x85, 'b'})).startsWith("HTTP/1.1 400");
        assertThat(rawGet(page, new byte[] {'a', 'b'})).startsWith("HTTP/1.1 200");
        assertThat(hits.get(page)).hasValue(1);
    }

    private String rawGet(String path, byte[] headerValue) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            var out = socket.getOutputStream();
            out.write(
                    ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: ")
                            .getBytes(StandardCharsets.ISO_8859_1));
            out.write(headerValue);
            out.write("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
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

    @Test
    void everyReadIsTimedOnItsRouteThoseAnsweredFromMemoryToo() throws Exception {
        String page = "/api/content/channels/web/pages?path=/timed/page";
        String item = "/api/content/items/0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84";
        String before = scrape(managementPort);

        for (int i = 0; i < 3; i++) {
            assertThat(get(page, null, null).statusCode()).isEqualTo(200);
        }
        assertThat(get(item, STAFF, null).statusCode()).isEqualTo(200);
        assertThat(hits.get(page)).as("two of the three from memory").hasValue(1);

        // What the content-reads SLO selects (deploy/monitoring/rules/slo.yml, ADR 45).
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> {
                            String after = scrape(managementPort);
                            assertThat(
                                            increase(
                                                    before,
                                                    after,
                                                    COUNT,
                                                    "route=\"content-public-pages\"",
                                                    "method=\"GET\"",
                                                    OK))
                                    .isEqualTo(3);
                            assertThat(
                                            increase(
                                                    before,
                                                    after,
                                                    COUNT,
                                                    "route=\"content\"",
                                                    "method=\"GET\"",
                                                    OK))
                                    .isEqualTo(1);
                        });
    }

    private HttpResponse<String> get(
            String path, String token, String requestId, String... extraHeaders) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (extraHeaders.length > 0) {
            request.headers(extraHeaders);
        }
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
                        // As content-service answers a page, but "public" on every channel;
                        // paths under /answer/<kind>/ are answered as that kind says. The body
                        // names the caller, so an answer given to another shows.
                        int served = revision.get();
                        String authorization =
                                exchange.getRequestHeaders().getFirst("Authorization");
                        String caller =
                                authorization == null
                                        ? "anonymous"
                                        : authorization.substring(authorization.length() - 12);
                        byte[] body =
                                ("{\"path\":\""
                                                + query
                                                + "\",\"revision\":"
                                                + served
                                                + ",\"caller\":\""
                                                + caller
                                                + "\"}")
                                        .getBytes(StandardCharsets.UTF_8);
                        var headers = exchange.getResponseHeaders();
                        headers.set("Content-Type", "application/json");
                        headers.set("ETag", "\"page-r" + served + "\"");
                        headers.set("Cache-Control", "max-age=60, public");
                        headers.set("X-Request-Id", "from-the-service");
                        if (query.contains("/answer/private/")) {
                            headers.set("Cache-Control", "private, max-age=60");
                        } else if (query.contains("/answer/no-store/")) {
                            headers.set("Cache-Control", "no-store");
                        } else if (query.contains("/answer/no-cache/")) {
                            headers.set("Cache-Control", "public, no-cache");
                        } else if (query.contains("/answer/vary/")) {
                            headers.set("Vary", "Authorization");
                        } else if (query.contains("/answer/cookie/")) {
                            headers.set("Set-Cookie", "session=" + caller);
                        }
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
