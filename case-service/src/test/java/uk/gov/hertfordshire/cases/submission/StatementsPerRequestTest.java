package uk.gov.hertfordshire.cases.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.StatementLog;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * A regression guard for the hot paths, counted rather than timed: the SQL statements (and commits)
 * the request's own thread sends to PostgreSQL, as test-support's {@link StatementLog} sees them
 * through a wrapper around the application's real data source. The outbox relay's work, on its own
 * thread, is not the request's.
 */
@PlatformIntegrationTest
@Import({StatementLog.class, StatementsPerRequestTest.Counting.class})
class StatementsPerRequestTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final TestIssuer.TokenBuilder AGENT = idp.staff("agent-carol", "AGENT");
    static final String PHONE_CASE =
            """
            {"serviceCode":"street-light","channel":"phone","description":"Light out all week",\
            "location":{"latitude":51.7520,"longitude":-0.3360},"attributes":{"fault":"out"}}""";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAgentsPhoneSubmissionWithoutAnIdempotencyKeyRunsOneStatementAndTheCommit() {
        assertThat(send(post(AGENT, PHONE_CASE)).statusCode()).isEqualTo(201);

        List<String> sent = Counting.during(() -> send(counted(post(AGENT, PHONE_CASE))), 201);

        // The case row and its outbox row in one statement (ADR 52), then the commit.
        assertThat(sent)
                .as("statements of one submission")
                .containsExactly("with change as", "commit");
    }

    @Test
    void aCatalogueReadRunsNoStatementWhenNothingChangedAndReadsAgainAfterAChange() {
        send(get(AGENT, "/api/catalogue/services"));
        send(get(null, "/open311/v2/services.json"));

        List<String> catalogue =
                Counting.during(() -> send(counted(get(AGENT, "/api/catalogue/services"))), 200);
        List<String> open311 =
                Counting.during(() -> send(counted(get(null, "/open311/v2/services.json"))), 200);

        assertThat(catalogue).as("/api/catalogue/services").isEmpty();
        assertThat(open311).as("/open311/v2/services.json").isEmpty();

        // The positive control: the counter sees the read that follows a change, committed
        // here as any other writer would (the trigger tells every instance).
        jdbc.sql("UPDATE catalogue_service SET name = name || '.' WHERE code = 'street-light'")
                .update();
        await("the read after a change goes to the database")
                .atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                Counting.during(
                                        () -> send(counted(get(AGENT, "/api/catalogue/services"))),
                                        200),
                        sent -> !sent.isEmpty());
    }

    private HttpRequest.Builder post(TestIssuer.TokenBuilder caller, String json) {
        return HttpRequest.newBuilder(uri("/api/cases"))
                .header("Authorization", caller.bearer())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder get(TestIssuer.TokenBuilder caller, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        return caller == null ? request : request.header("Authorization", caller.bearer());
    }

    private static HttpRequest.Builder counted(HttpRequest.Builder request) {
        return request.header(Counting.HEADER, Counting.nextLabel());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Records the SQL sent on the thread of each request that asks for it, by its label. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {

        static final String HEADER = "X-Count-Statements";

        private static final Map<String, List<String>> recorded = new ConcurrentHashMap<>();
        private static final AtomicInteger labels = new AtomicInteger();
        private static volatile String label;

        static String nextLabel() {
            label = "request-" + labels.incrementAndGet();
            return label;
        }

        /**
         * The statements (their first words) and commits of one request, in order. The response can
         * reach the client before the recording filter has finished, so this waits for the record.
         */
        static List<String> during(Supplier<HttpResponse<String>> request, int expectedStatus) {
            HttpResponse<String> response = request.get();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
            String sent = label;
            return await("the request's statements are recorded")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> recorded.get(sent), Objects::nonNull);
        }

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> statementRecorder() {
            FilterRegistrationBean<OncePerRequestFilter> registration =
                    new FilterRegistrationBean<>(
                            new OncePerRequestFilter() {
                                @Override
                                protected void doFilterInternal(
                                        HttpServletRequest request,
                                        HttpServletResponse response,
                                        FilterChain chain)
                                        throws ServletException, IOException {
                                    String name = request.getHeader(HEADER);
                                    if (name == null) {
                                        chain.doFilter(request, response);
                                        return;
                                    }
                                    StatementLog.Recording recording = StatementLog.start();
                                    try {
                                        chain.doFilter(request, response);
                                    } finally {
                                        recorded.put(name, recording.stop());
                                    }
                                }
                            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
