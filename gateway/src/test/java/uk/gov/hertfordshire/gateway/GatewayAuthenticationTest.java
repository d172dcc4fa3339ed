package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Broken authentication (OWASP API2) and broken function level authorisation (API5) at the door.
 * Every refused token differs from the accepted one in exactly one property.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class GatewayAuthenticationTest {

    static final StubService services = new StubService();
    static final TestIssuer issuer = TestIssuer.shared();

    @DynamicPropertySource
    static void routesAndIssuers(DynamicPropertyRegistry registry) {
        registry.add("platform.services.case-service", services::url);
        registry.add("platform.services.analytics-service", services::url);
        registry.add("platform.services.sap-adapter", services::url);
        issuer.trustProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stop() {
        services.stop();
    }

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aValidTokenIsRoutedAndPassedOnUnchanged() throws Exception {
        String token = issuer.citizen("alice").encode();
        HttpResponse<String> response = get("/api/cases/mine-1", token, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(services.headersSeen)
                .anySatisfy(
                        headers ->
                                assertThat(headers.get("Authorization"))
                                        .containsExactly("Bearer " + token));
    }

    @ParameterizedTest
    @EnumSource(TestIssuer.Flaw.class)
    void aTokenWithOneThingWrongIsRefusedWith401(TestIssuer.Flaw flaw) throws Exception {
        TestIssuer.TokenBuilder valid = issuer.citizen("alice");
        HttpResponse<String> accepted = get("/api/cases/control", valid.encode(), Map.of());
        HttpResponse<String> refused =
                get("/api/cases/flawed", valid.with(flaw).encode(), Map.of());

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
                .startsWith("Bearer");
        assertThat(services.hits("/api/cases/flawed")).isZero();
    }

    @Test
    void noTokenIs401BesideAnAnonymousRouteThatIsOpen() throws Exception {
        HttpResponse<String> closed = get("/api/cases/any", null, Map.of());
        HttpResponse<String> open = get("/open311/v2/services.json", null, Map.of());

        assertThat(closed.statusCode()).isEqualTo(401);
        assertThat(closed.body()).contains("bearer token");
        assertThat(open.statusCode()).isEqualTo(200);
    }

    @Test
    void theCatalogueIsReadWithoutATokenBesideAChangeToItThatNeedsOne() throws Exception {
        HttpResponse<String> list = get("/api/catalogue/services", null, Map.of());
        HttpResponse<String> read = get("/api/catalogue/services/pothole", null, Map.of());
        HttpResponse<String> change =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://localhost:"
                                                        + port
                                                        + "/api/catalogue/services/pothole/withdrawal"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(change.statusCode()).isEqualTo(401);
        assertThat(services.hits("/api/catalogue/services/pothole/withdrawal")).isZero();
    }

    @Test
    void theDashboardPageLoadsWithoutATokenWhileItsFiguresNeedAnAnalyst() throws Exception {
        HttpResponse<String> page = get("/dashboard/", null, Map.of());
        HttpResponse<String> script = get("/dashboard/dashboard.js", null, Map.of());
        HttpResponse<String> figures = get("/api/analytics/channels", null, Map.of());
        HttpResponse<String> post =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/dashboard/"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(figures.statusCode()).isEqualTo(401);
        assertThat(post.statusCode()).isEqualTo(401);
    }

    @Test
    void aBadTokenOnOpen311IsRefusedInOpen311sOwnErrorFormat() throws Exception {
        String expired = issuer.citizen("alice").with(TestIssuer.Flaw.EXPIRED).encode();
        HttpResponse<String> xml = get("/open311/v2/services.xml", expired, Map.of());
        HttpResponse<String> json = get("/open311/v2/services.json", expired, Map.of());
        HttpResponse<String> withoutToken = get("/open311/v2/services.xml", null, Map.of());

        assertThat(xml.statusCode()).isEqualTo(401);
        assertThat(xml.body()).contains("<errors><error><code>401</code><description>");
        assertThat(json.statusCode()).isEqualTo(401);
        assertThat(json.body()).startsWith("[{").contains("\"code\":401");
        assertThat(withoutToken.statusCode()).isEqualTo(200);
    }

    @Test
    void aCitizenIssuerTokenClaimingAnalystGetsNoAnalyticsWhileAStaffAnalystDoes()
            throws Exception {
        String citizenClaimingMore =
                issuer.citizen("mallory").roles("CITIZEN", "ANALYST", "ADMIN").encode();
        String analyst = issuer.staff("ivan", "ANALYST").staffId("00010007").encode();

        assertThat(get("/api/analytics/channels", citizenClaimingMore, Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/analytics/channels", analyst, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void aCitizenCannotReachAStaffOnlyFunction() throws Exception {
        HttpResponse<String> refused =
                get("/api/analytics/channels", issuer.citizen("alice").encode(), Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
    }

    @Test
    void onlyAnAdministratorReachesTheSapPostings() throws Exception {
        String officer = issuer.staff("dan", "OFFICER").staffId("00010002").encode();
        String citizenClaimingAdmin = issuer.citizen("mallory").roles("CITIZEN", "ADMIN").encode();
        String admin = issuer.staff("judy", "ADMIN").staffId("00010008").encode();

        assertThat(get("/api/sap/postings", null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/api/sap/postings", officer, Map.of()).statusCode()).isEqualTo(403);
        assertThat(get("/api/sap/postings", citizenClaimingAdmin, Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/sap/postings?state=rejected", admin, Map.of()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void unroutedPathsAndServiceInternalsAreNotReachable() throws Exception {
        String admin = issuer.staff("judy", "ADMIN").staffId("00010008").encode();
        for (String path :
                List.of(
                        "/actuator/env",
                        "/actuator/prometheus",
                        "/actuator/health",
                        "/api/sap/internal",
                        "/internal")) {
            assertThat(get(path, admin, Map.of()).statusCode()).as(path).isIn(403, 404);
        }
    }

    @Test
    void responsesCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> response =
                get("/api/cases/h", issuer.citizen("alice").encode(), Map.of());

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .as("HSTS only in the production profile")
                .isEmpty();
    }

    @Test
    void writesOneJsonAccessLineWithoutTheTokenOrTheQuery(CapturedOutput output) throws Exception {
        String token = issuer.partner("partner-nhs-herts", "nhs-herts").encode();
        get(
                "/api/cases/logged?email=someone@example.org",
                token,
                Map.of("X-Request-Id", "log-check-1"));

        // The line is written when the exchange completes, just after the caller has its answer.
        String line =
                await().atMost(Duration.ofSeconds(5))
                        .until(
                                () ->
                                        output.getOut()
                                                .lines()
                                                .filter(
                                                        l ->
                                                                l.contains(
                                                                        "\"requestId\":\"log-check-1\""))
                                                .findFirst()
                                                .orElse(null),
                                found -> found != null);
        assertThat(line)
                .startsWith("{")
                .contains("\"route\":\"cases\"")
                .contains("\"status\":200")
                .contains("\"client\":\"partner-nhs-herts\"")
                .contains("\"path\":\"/api/cases/logged\"")
                .doesNotContain(token.substring(0, 20))
                .doesNotContain("someone@example.org");
    }

    private HttpResponse<String> get(String path, String token, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
