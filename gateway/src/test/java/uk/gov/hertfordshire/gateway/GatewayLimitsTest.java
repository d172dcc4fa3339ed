package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Unrestricted resource consumption (OWASP API4): body size, time and URL limits, and the Open311
 * error format, on routes anonymous callers may use. The body limit is set low here.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "platform.limits.max-body-size=1KB",
            "platform.timeouts.open311-ms=500",
            "platform.limits.large-body-paths[0]=/open311/v2/*/large",
            "platform.limits.max-large-body-size=4KB"
        })
class GatewayLimitsTest {

    static final StubService caseService = new StubService();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("platform.services.case-service", caseService::url);
        registry.add(
                "platform.services.analytics-service",
                () -> "http://127.0.0.1:" + StubService.closedPort());
    }

    @AfterAll
    static void stop() {
        caseService.stop();
    }

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theServiceIsToldTheCallersAddressNotWhatAnUntrustedCallerClaims() throws Exception {
        HttpResponse<String> claimed =
                getServices("forwarded-claimed-1", "X-Forwarded-For", "198.51.100.66");
        HttpResponse<String> plain = getServices("forwarded-plain-1", "X-Note", "no claim");

        assertThat(claimed.statusCode()).isEqualTo(200);
        assertThat(plain.statusCode()).isEqualTo(200);
        // No proxy is trusted here, so the caller is the connection's peer, claim or no claim.
        assertThat(forwardedForSeenWith("forwarded-claimed-1")).containsExactly("127.0.0.1");
        assertThat(forwardedForSeenWith("forwarded-plain-1")).containsExactly("127.0.0.1");
    }

    private HttpResponse<String> getServices(String requestId, String header, String value)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://localhost:" + port + "/open311/v2/services.json"))
                        .header("X-Request-Id", requestId)
                        .header(header, value)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> forwardedForSeenWith(String requestId) {
        return caseService.headersSeen.stream()
                .filter(headers -> List.of(requestId).equals(headers.get("X-request-id")))
                .findFirst()
                .map(headers -> headers.getOrDefault("X-forwarded-for", List.of()))
                .orElseThrow(() -> new AssertionError("no request " + requestId + " reached it"));
    }

    @Test
    void aBodyWithinTheLimitPassesAndOneOverItIs413BeforeReachingTheService() throws Exception {
        HttpResponse<String> fits = post("/open311/v2/requests.json", new byte[1000], false, null);
        HttpResponse<String> tooBig =
                post("/open311/v2/requests-big.json", new byte[2000], false, null);

        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(caseService.hits("/open311/v2/requests-big.json")).isZero();
    }

    @Test
    void aPathMatchingALargeBodyPatternTakesTheLargerLimitAndNoOtherPathDoes() throws Exception {
        HttpResponse<String> large = post("/open311/v2/abc/large", new byte[3000], false, null);
        HttpResponse<String> otherPath = post("/open311/v2/abc/small", new byte[3000], false, null);
        HttpResponse<String> noSegment = post("/open311/v2/large", new byte[3000], false, null);
        HttpResponse<String> overLarge = post("/open311/v2/abc/large", new byte[5000], false, null);

        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(otherPath.statusCode()).isEqualTo(413);
        assertThat(noSegment.statusCode()).isEqualTo(413);
        assertThat(overLarge.statusCode()).isEqualTo(413);
    }

    @Test
    void aChunkedBodyWithoutContentLengthIsCutAtTheLimitToo() throws Exception {
        HttpResponse<String> fits = post("/open311/v2/chunked-ok.json", new byte[900], true, null);
        HttpResponse<String> tooBig =
                post("/open311/v2/chunked-big.json", new byte[50_000], true, null);

        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(caseService.bodyBytes.get("/open311/v2/chunked-ok.json")).isEqualTo(900);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(caseService.bodyBytes.getOrDefault("/open311/v2/chunked-big.json", 0))
                .as("the service never receives the whole oversized body")
                .isLessThan(50_000);
    }

    @Test
    void open311ErrorsAreXmlForXmlRequests() throws Exception {
        HttpResponse<String> tooBig = post("/open311/v2/requests.xml", new byte[2000], false, null);

        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/xml");
        assertThat(tooBig.body())
                .contains("<errors><error><code>413</code><description>")
                .contains("</description></error></errors>");
    }

    @Test
    void aSlowServiceIsCutAtTheRouteTimeoutWith504() throws Exception {
        HttpResponse<String> slow = get("/open311/v2/slow.json", null);

        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(slow.body()).contains("\"code\":504");
    }

    @Test
    void oversizedHeadersAreRefusedBesideOrdinaryOnes() throws Exception {
        HttpResponse<String> ordinary =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://localhost:"
                                                        + port
                                                        + "/open311/v2/headers-ok.json"))
                                .header("X-Note", "x".repeat(1_000))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> oversized =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://localhost:"
                                                        + port
                                                        + "/open311/v2/headers-big.json"))
                                .header("X-Note", "x".repeat(20_000))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(ordinary.statusCode()).isEqualTo(200);
        assertThat(oversized.statusCode()).isIn(400, 413, 431);
        assertThat(caseService.hits("/open311/v2/headers-big.json")).isZero();
    }

    @Test
    void anOverlongUrlIsRefused() throws Exception {
        HttpResponse<String> longUrl = get("/open311/v2/" + "a".repeat(10_000) + ".json", null);
        assertThat(longUrl.statusCode()).isIn(413, 414);
    }

    private HttpResponse<String> get(String path, String forwardedFor) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(
            String path, byte[] body, boolean chunked, String forwardedFor) throws Exception {
        HttpRequest.BodyPublisher publisher =
                chunked
                        ? HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/octet-stream")
                        .POST(publisher);
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
