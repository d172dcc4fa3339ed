package uk.gov.hertfordshire.platform.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.support.ServletRequestHandledEvent;
import uk.gov.hertfordshire.platform.support.testapp.WidgetControllerLatches;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

@PlatformIntegrationTest
class HttpConventionsTest {

    private static final String POTHOLE = "{\"service\":\"pothole\"}";
    private static final TestIssuer.TokenBuilder AGENT =
            TestIssuer.shared().staff("agent-carol", "AGENT");

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired ConfigurableApplicationContext context;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aRepeatedKeyGetsTheFirstResponseAndCreatesNothingNew() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post(POTHOLE, key, null);
        HttpResponse<String> repeat = post(POTHOLE, key, null);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(widgetsCreatedWith(first)).isEqualTo(1);
    }

    @Test
    void theSameKeyFromAnotherCallerIsTheirsAloneEvenWithTheSameSubject() throws Exception {
        String key = UUID.randomUUID().toString();
        // The same subject at two identity providers: two people, so two key scopes.
        String staffSam = TestIssuer.shared().staff("sam", "AGENT").bearer();
        String citizenSam = TestIssuer.shared().citizen("sam").bearer();

        HttpResponse<String> staffFirst = post(POTHOLE, key, null, staffSam);
        HttpResponse<String> citizenFirst = post(POTHOLE, key, null, citizenSam);
        HttpResponse<String> staffAgain = post(POTHOLE, key, null, staffSam);

        assertThat(staffFirst.statusCode()).isEqualTo(201);
        assertThat(citizenFirst.statusCode()).isEqualTo(201);
        assertThat(citizenFirst.headers().firstValue("Idempotent-Replayed"))
                .as("not the other caller's response")
                .isEmpty();
        assertThat(citizenFirst.body()).isNotEqualTo(staffFirst.body());
        assertThat(staffAgain.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(staffAgain.body()).isEqualTo(staffFirst.body());
        assertThat(
                        jdbc.queryForList(
                                "SELECT principal FROM platform.idempotency_key"
                                        + " WHERE idempotency_key = ? ORDER BY principal",
                                String.class,
                                key))
                .containsExactly(
                        TestIssuer.shared().issuer(TestIssuer.CITIZENS) + "|sam",
                        TestIssuer.shared().issuer(TestIssuer.STAFF) + "|sam");
    }

    @Test
    void aFieldTheRequestDoesNotDeclareIsA400NamingItBesideTheSameBodyWithoutIt() throws Exception {
        HttpResponse<String> refused =
                post("{\"service\":\"pothole\",\"status\":\"done\"}", null, null);
        HttpResponse<String> accepted = post(POTHOLE, null, null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body())
                .contains("The field 'status' is not allowed")
                .contains("\"field\":\"status\"")
                .doesNotContain("WidgetRequest")
                .doesNotContain("tools.jackson");
        assertThat(accepted.statusCode()).isEqualTo(201);
    }

    @Test
    void aDifferentKeyCreatesAgain() throws Exception {
        HttpResponse<String> first = post(POTHOLE, UUID.randomUUID().toString(), null);
        HttpResponse<String> second = post(POTHOLE, UUID.randomUUID().toString(), null);

        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isNotEqualTo(first.body());
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefusedWith422() throws Exception {
        String key = UUID.randomUUID().toString();
        post(POTHOLE, key, null);
        HttpResponse<String> other = post("{\"service\":\"street-light\"}", key, null);

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.body()).contains("different request");
    }

    @Test
    void aRepeatWhileTheFirstIsInFlightGets409ThenTheFirstResponse() throws Exception {
        String key = UUID.randomUUID().toString();
        String slow = "{\"service\":\"pothole\",\"slow\":true}";
        WidgetControllerLatches.holdSlowRequests();
        CompletableFuture<HttpResponse<String>> first =
                CompletableFuture.supplyAsync(() -> postUnchecked(slow, key));
        assertThat(WidgetControllerLatches.awaitSlowRequest()).isTrue();

        HttpResponse<String> concurrent = post(slow, key, null);
        WidgetControllerLatches.releaseSlowRequests();
        HttpResponse<String> firstResponse = first.get(30, TimeUnit.SECONDS);
        HttpResponse<String> afterwards = post(slow, key, null);

        assertThat(concurrent.statusCode()).isEqualTo(409);
        assertThat(concurrent.body()).contains("still being processed");
        assertThat(firstResponse.statusCode()).isEqualTo(201);
        assertThat(afterwards.statusCode()).isEqualTo(201);
        assertThat(afterwards.body()).isEqualTo(firstResponse.body());
    }

    @Test
    void aServerFailureReleasesTheKeySoTheCallerCanRetry() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> failed = post("{\"service\":\"explode\"}", key, null);
        HttpResponse<String> retried = post("{\"service\":\"explode\"}", key, null);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode())
                .as("not a replay of the failure, nor a 409")
                .isEqualTo(500);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void anUnusableKeyIsRefusedWith400BesideAUsableOne() throws Exception {
        HttpResponse<String> tooLong = post(POTHOLE, "k".repeat(256), null);
        HttpResponse<String> fine = post(POTHOLE, "k".repeat(255), null);

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("Idempotency-Key must be");
        assertThat(fine.statusCode()).isEqualTo(201);
    }

    @Test
    void serverErrorsSayNothingOfTheirCauseButGiveTheCorrelationId() throws Exception {
        HttpResponse<String> response = post("{\"service\":\"explode\"}", null, "trace-me-42");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(response.body())
                .contains("trace-me-42")
                .doesNotContain("hunter2")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at uk.gov");
    }

    @Test
    void malformedJsonIsA400ProblemNamingNoInternals() throws Exception {
        HttpResponse<String> broken = post("{\"service\": ", null, null);
        HttpResponse<String> wrongType =
                post("{\"service\":\"pothole\",\"slow\":\"often\"}", null, null);

        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(broken.body()).doesNotContain("tools.jackson").doesNotContain("Exception");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("'slow'");
    }

    @Test
    void aLibrarysRefusalIsA400WithoutItsMessageBesideOurOwnWordedOne() throws Exception {
        HttpResponse<String> library = post("{\"service\":\"library-refusal\"}", null, null);
        HttpResponse<String> ours = post("{\"service\":\"not-offered\"}", null, null);

        assertThat(library.statusCode()).isEqualTo(400);
        assertThat(library.body())
                .contains("cannot accept")
                .doesNotContain("UUID")
                .doesNotContain("library-refusal");
        assertThat(ours.statusCode()).isEqualTo(400);
        assertThat(ours.body()).contains("service 'not-offered' is not offered here");
    }

    @Test
    void everyResponseCarriesTheCorrelationIdAndAForgedOneIsReplaced() throws Exception {
        HttpResponse<String> kept = post(POTHOLE, null, "abc-123");
        HttpResponse<String> replaced = post(POTHOLE, null, "bad id\r\nX-Injected: 1");
        HttpResponse<String> generated = post(POTHOLE, null, null);

        assertThat(kept.headers().firstValue("X-Request-Id")).hasValue("abc-123");
        assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow())
                .isNotEqualTo("bad id")
                .matches("[0-9a-f-]{36}");
        assertThat(generated.headers().firstValue("X-Request-Id").orElseThrow())
                .matches("[0-9a-f-]{36}");
    }

    /** Nothing listens for it, so a request does not publish one (one event fewer per request). */
    @Test
    void aHandledRequestPublishesNoApplicationEventBesideOnePublishedByHand() throws Exception {
        List<ServletRequestHandledEvent> heard = new CopyOnWriteArrayList<>();
        context.addApplicationListener(
                (ApplicationListener<ServletRequestHandledEvent>) heard::add);
        ServletRequestHandledEvent byHand =
                new ServletRequestHandledEvent(
                        this, "/widgets", "127.0.0.1", "POST", "test", null, null, 1);

        assertThat(post(POTHOLE, null, null).statusCode()).isEqualTo(201);
        // The event would follow the response, which the converter flushes first: watch a while.
        await("no event from the request")
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(heard::isEmpty);
        context.publishEvent(byHand);

        assertThat(heard).containsExactly(byHand);
    }

    @Test
    void aMultipartRepeatUnderANewBoundaryGetsTheFirstResponseAndAnotherFileIs422()
            throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = upload("first file", "boundary-one", key);
        HttpResponse<String> repeat = upload("first file", "boundary-two", key);
        HttpResponse<String> otherFile = upload("other file", "boundary-three", key);
        HttpResponse<String> noKey = upload("first file", "boundary-four", null);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.body()).contains("\"size\":\"10\"");
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(otherFile.statusCode()).isEqualTo(422);
        assertThat(noKey.statusCode()).isEqualTo(201);
        assertThat(noKey.body()).isNotEqualTo(first.body());
        assertThat(widgetsCreatedWith(first)).isEqualTo(1);
    }

    @Test
    void aFormPostWithAKeyStillHasItsFieldsAndARepeatIsReplayed() throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = form("name=pothole%2Dreport&colour=red", key);
        HttpResponse<String> repeat = form("name=pothole%2Dreport&colour=red", key);
        HttpResponse<String> changed = form("name=street-light&colour=red", key);
        HttpResponse<String> noKey = form("name=pothole-report", null);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.body()).contains("\"name\":\"pothole-report\"");
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(noKey.statusCode()).isEqualTo(201);
        assertThat(widgetsCreatedWith(first)).isEqualTo(1);
        HttpResponse<String> malformed = form("name=%zz", UUID.randomUUID().toString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
    }

    private HttpResponse<String> form(String body, String key) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/widgets/forms?source=t"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", AGENT.bearer())
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String content, String boundary, String key)
            throws Exception {
        String body =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\""
                        + "\r\nContent-Type: text/plain\r\n\r\n"
                        + content
                        + "\r\n--"
                        + boundary
                        + "--\r\n";
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/widgets/uploads"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .header("Authorization", AGENT.bearer())
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long widgetsCreatedWith(HttpResponse<String> response) {
        String id =
                response.headers().firstValue("Location").orElseThrow().replace("/widgets/", "");
        return jdbc.queryForObject(
                "SELECT count(*) FROM widget WHERE id = ?::uuid", Long.class, id);
    }

    private HttpResponse<String> postUnchecked(String body, String key) {
        try {
            return post(body, key, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String body, String key, String requestId) throws Exception {
        return post(body, key, requestId, AGENT.bearer());
    }

    private HttpResponse<String> post(String body, String key, String requestId, String bearer)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/widgets"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", bearer)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (requestId != null && !requestId.contains("\n")) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
