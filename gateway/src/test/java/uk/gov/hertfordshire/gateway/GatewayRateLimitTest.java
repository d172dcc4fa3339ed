package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Anonymous callers are limited per address, and their writes to content (feedback, listing
 * reports) by a stricter rate of their own. Here the test client stands behind a trusted proxy
 * (127.0.0.1), so the address is taken from X-Forwarded-For and each test uses its own.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "platform.limits.anonymous.burst=5",
            "platform.limits.anonymous.refill=1",
            "platform.limits.anonymous.refill-period=1m",
            "platform.limits.trusted-proxies=127.0.0.1",
            "platform.limits.addresses.[198.51.100.50].burst=1000",
            "platform.limits.addresses.[198.51.100.50].refill=1000",
            // The paths' patterns are application.yml's own; only their rates are lowered here.
            "platform.limits.paths.content-feedback.rate.burst=2",
            "platform.limits.paths.content-feedback.rate.refill=1",
            "platform.limits.paths.content-feedback.rate.refill-period=1m",
            "platform.limits.paths.listing-reports.rate.burst=2",
            "platform.limits.paths.listing-reports.rate.refill=1",
            "platform.limits.paths.listing-reports.rate.refill-period=1m"
        })
class GatewayRateLimitTest {

    static final StubService caseService = new StubService();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("platform.services.case-service", caseService::url);
        registry.add("platform.services.content-service", caseService::url);
    }

    @AfterAll
    static void stop() {
        caseService.stop();
    }

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAddressGets429WithRetryAfterOnceItsBurstIsSpentWhileAnotherAddressIsServed()
            throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = get("/open311/v2/services.json", "198.51.100.7");
            statuses.add(last.statusCode());
        }
        HttpResponse<String> neighbour = get("/open311/v2/services.json", "198.51.100.8");

        assertThat(statuses.subList(0, 4)).allMatch(s -> s == 200);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow()))
                .isPositive();
        assertThat(last.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(last.body()).startsWith("[{").contains("\"code\":429");
        assertThat(neighbour.statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedProblemOutsideOpen311IsAProblemDocument() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = get("/api/content/news", "198.51.100.9");
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void anAddressGivenItsOwnLimitIsHeldToThatLimitInstead() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(get("/open311/v2/services.json", "198.51.100.50").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void anonymousFeedbackAndReportsHaveARateOfTheirOwnBesideTheAddresssReads() throws Exception {
        String item = "/api/content/channels/web/items/0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84";
        for (String write : List.of(item + "/feedback", item + "/report")) {
            String address = write.endsWith("feedback") ? "198.51.100.20" : "198.51.100.21";
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 3; i++) {
                last = post(write, address);
                statuses.add(last.statusCode());
            }
            assertThat(statuses).as(write).containsExactly(200, 200, 429);
            assertThat(last.headers().firstValue("Retry-After")).isPresent();
            assertThat(last.headers().firstValue("Content-Type"))
                    .hasValue("application/problem+json");
            assertThat(caseService.hits(write)).as(write).isEqualTo(2);
            // The same address still reads: the anonymous rate (5 here) has room left.
            assertThat(get("/api/content/channels/web/pages?path=/roads", address).statusCode())
                    .isEqualTo(200);
        }
        // Another address has its own bucket.
        assertThat(post(item + "/feedback", "198.51.100.22").statusCode()).isEqualTo(200);
    }

    @Test
    void theServiceIsToldTheClientAddressTheTrustedProxyGaveNotWhatTheClientClaimed()
            throws Exception {
        String feedback =
                "/api/content/channels/web/items/5f0c2a9e-1b7d-4e3a-9c8b-2d4e6f8a0b1c/feedback";
        HttpResponse<String> answered =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + feedback))
                                .header("X-Request-Id", "forwarded-by-proxy-1")
                                // The client claimed the first address; the proxy added the second.
                                .header("X-Forwarded-For", "192.0.2.77, 203.0.113.10")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(
                        caseService.headersSeen.stream()
                                .filter(
                                        headers ->
                                                List.of("forwarded-by-proxy-1")
                                                        .equals(headers.get("X-request-id")))
                                .map(headers -> headers.get("X-forwarded-for"))
                                .toList())
                .containsExactly(List.of("203.0.113.10"));
    }

    private HttpResponse<String> post(String path, String forwardedFor) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("X-Forwarded-For", forwardedFor)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String forwardedFor) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("X-Forwarded-For", forwardedFor)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
