package uk.gov.hertfordshire.platform.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.gov.hertfordshire.platform.support.testapp.WidgetControllerLatches;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Idempotency-Key where the first request does not simply succeed: a secret in the response, a
 * failure after the work committed, a process that died holding the key. The plain cases (a repeat
 * replayed, a 5xx before any commit releasing the key) are in {@link HttpConventionsTest}.
 */
@PlatformIntegrationTest
class IdempotencyEdgeCasesTest {

    private static final TestIssuer.TokenBuilder AGENT =
            TestIssuer.shared().staff("agent-carol", "AGENT");

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aResponseMarkedNoStoreIsNotKeptAndARepeatIsToldSoBesideAnOrdinaryReplay()
            throws Exception {
        String key = UUID.randomUUID().toString();
        String ordinaryKey = UUID.randomUUID().toString();

        HttpResponse<String> issued = post("/widgets/secrets", "{\"service\":\"key\"}", key);
        HttpResponse<String> repeat = post("/widgets/secrets", "{\"service\":\"key\"}", key);
        post("/widgets", "{\"service\":\"pothole\"}", ordinaryKey);
        HttpResponse<String> ordinary = post("/widgets", "{\"service\":\"pothole\"}", ordinaryKey);

        assertThat(issued.statusCode()).isEqualTo(201);
        String secret = issued.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
        assertThat(secret).startsWith("s3cr3t-");
        assertThat(storedBody(key)).as("nothing of the response is stored").isNull();
        assertThat(repeat.statusCode()).isEqualTo(409);
        assertThat(repeat.body()).contains("not kept").doesNotContain(secret);
        assertThat(repeat.headers().firstValue("Location"))
                .isEqualTo(issued.headers().firstValue("Location"));
        assertThat(ordinary.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(storedBody(ordinaryKey)).isNotNull();
    }

    @Test
    void aFailureAfterTheWorkCommittedIsReplayedNotDoneAgain() throws Exception {
        String service = "commit-then-explode-" + UUID.randomUUID();
        String body = "{\"service\":\"" + service + "\"}";
        String key = UUID.randomUUID().toString();

        HttpResponse<String> failed = post("/widgets", body, key);
        HttpResponse<String> retried = post("/widgets", body, key);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode()).isEqualTo(500);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(widgets(service)).as("the work was done once").isEqualTo(1);
    }

    @Test
    void aKeyHeldByARequestThatDiedIsFreeAfterItsLeaseAndNotBefore() throws Exception {
        String key = UUID.randomUUID().toString();
        String service = "leased-" + UUID.randomUUID();
        String slow = "{\"service\":\"" + service + "\",\"slow\":true}";
        WidgetControllerLatches.holdSlowRequests();
        CompletableFuture<HttpResponse<String>> stuck =
                CompletableFuture.supplyAsync(() -> postUnchecked(slow, key));
        try {
            assertThat(WidgetControllerLatches.awaitSlowRequest()).isTrue();
            HttpResponse<String> withinLease = post("/widgets", slow, key);
            // The lease running out, as it would 30 s after a process died holding the key.
            jdbc.update(
                    "UPDATE platform.idempotency_key SET lease_expires_at = now() - interval '1 s'"
                            + " WHERE idempotency_key = ?",
                    key);
            WidgetControllerLatches.expectAnotherSlowRequest();
            CompletableFuture<HttpResponse<String>> afterLease =
                    CompletableFuture.supplyAsync(() -> postUnchecked(slow, key));
            assertThat(WidgetControllerLatches.awaitSlowRequest())
                    .as("the retry took the key over and is being processed")
                    .isTrue();
            WidgetControllerLatches.releaseSlowRequests();

            assertThat(withinLease.statusCode()).isEqualTo(409);
            assertThat(withinLease.body()).contains("still being processed");
            HttpResponse<String> taken = afterLease.get(30, TimeUnit.SECONDS);
            assertThat(taken.statusCode()).isEqualTo(201);
            assertThat(taken.headers().firstValue("Idempotent-Replayed")).isEmpty();
        } finally {
            WidgetControllerLatches.releaseSlowRequests();
            stuck.get(30, TimeUnit.SECONDS);
        }
    }

    private byte[] storedBody(String key) {
        return jdbc.queryForObject(
                "SELECT response_body FROM platform.idempotency_key WHERE idempotency_key = ?",
                byte[].class,
                key);
    }

    private long widgets(String service) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM widget WHERE service = ?", Long.class, service);
    }

    private HttpResponse<String> postUnchecked(String body, String key) {
        try {
            return post("/widgets", body, key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String body, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", AGENT.bearer())
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
