package uk.gov.hertfordshire.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.test.context.DynamicPropertyRegistry;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * What the production and local profile tests ask of a running gateway, so both ask exactly the
 * same questions and differ only in the profile.
 */
final class ProfileProbe {

    static final StubService services = new StubService();
    static final TestIssuer issuer = TestIssuer.shared();

    /** The load-test client of {@code ./platform bench}, as the local identity provider issues. */
    static final String BENCH_CLIENT = "platform-bench";

    /** An answer that does not come is a failure, never a build that waits for ever. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    private final int port;

    ProfileProbe(int port) {
        this.port = port;
    }

    static void wire(DynamicPropertyRegistry registry) {
        for (String service :
                new String[] {
                    "case-service", "content-service", "care-service", "analytics-service"
                }) {
            registry.add("platform.services." + service, services::url);
        }
        issuer.trustProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** A client-credentials token of the bench client (staff issuer, AGENT, azp platform-bench). */
    static String benchToken() {
        return issuer.token(TestIssuer.STAFF, BENCH_CLIENT)
                .roles("AGENT")
                .staffId("00010099")
                .clientId(BENCH_CLIENT)
                .encode();
    }

    /** The bench's partner client (`./platform bench care` sends FHIR referrals as it). */
    static String benchPartnerToken() {
        return issuer.partner("platform-bench-partner", "bench").encode();
    }

    /** The same kind of token from a real partner agency's client. */
    static String partnerToken() {
        return issuer.partner("partner-nhs-herts", "nhs-herts").encode();
    }

    /** The same kind of token from an ordinary staff tool. */
    static String staffToolToken() {
        return issuer.staff("agent-carol", "AGENT")
                .staffId("00010001")
                .clientId("staff-tools")
                .encode();
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(ANSWER_WITHIN);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return fresh().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The statuses of this many identical GETs sent at once. */
    List<Integer> getAtOnce(String path, String token, int count) {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(ANSWER_WITHIN);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            answers.add(
                    fresh().sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                            .thenApply(HttpResponse::statusCode));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    HttpResponse<String> preflight(String origin) throws Exception {
        return fresh().send(
                        HttpRequest.newBuilder(uri("/api/cases"))
                                .timeout(ANSWER_WITHIN)
                                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                                .header("Origin", origin)
                                .header("Access-Control-Request-Method", "POST")
                                .header(
                                        "Access-Control-Request-Headers",
                                        "Authorization, Content-Type")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** The tokens left in the caller's bucket after one request. */
    long remainingAfterOneRequest(String token) throws Exception {
        return remainingAfterOneRequest(token, "/api/cases/probe");
    }

    long remainingAfterOneRequest(String token, String path) throws Exception {
        HttpResponse<String> response = get(path, token);
        return Long.parseLong(response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
    }

    /**
     * A client of its own for each request, so each goes on a new connection. Reactor Netty's
     * server (1.3.6 here; the newest 1.3.x this machine's registries serve is 1.3.7) can stop
     * reading a kept-alive connection when a request arrives while the one before it is still
     * finishing: reactor/reactor-netty#4361, "HTTP/1.1 keep-alive connection stops reading after a
     * queued request completes synchronously", fixed after 1.3.7. Here the Swagger UI page, its
     * config (answered synchronously) and then {@code /api-docs/cases} on one connection left the
     * third unread: no access-log line, no 504 at the route's 10 s timeout, and the test's 30 s
     * wait ran out (twice in CI). These tests are about the profiles, not connection reuse.
     */
    private static HttpClient fresh() {
        return HttpClient.newHttpClient();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
