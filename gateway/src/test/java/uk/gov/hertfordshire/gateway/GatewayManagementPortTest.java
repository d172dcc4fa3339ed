package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.propagation.Propagator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.WeightCalculatorWebFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.WebFilter;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * The actuator lives on its own port: Prometheus and the health check reach it there without a
 * token, the public port does not serve it, and the management port routes nothing to a service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayManagementPortTest {

    static final StubService services = new StubService();
    static final TestIssuer issuer = TestIssuer.shared();

    @DynamicPropertySource
    static void routesAndIssuers(DynamicPropertyRegistry registry) {
        registry.add("platform.services.case-service", services::url);
        issuer.trustProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stop() {
        services.stop();
    }

    @LocalServerPort int port;
    @LocalManagementPort int managementPort;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusScrapesTheManagementPortWithoutAToken() throws Exception {
        String token = issuer.citizen("alice").encode();
        assertThat(get(port, "/api/cases/visible", token).statusCode()).isEqualTo(200);

        HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus", null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"1.0\"")
                .contains("# HELP ");
        assertThat(get(managementPort, "/actuator/health", null).statusCode()).isEqualTo(200);
    }

    /**
     * What the dashboards read stays; the per-filter security observations and the long-task timers
     * that a profile showed among the gateway's larger costs, which nothing reads, stay away
     * (docs/benchmarks/gateway.md).
     */
    @Test
    void theScrapeHasTheRouteMetricsButNoSecurityObservationsOrActiveRequestTimers()
            throws Exception {
        String token = issuer.citizen("alice").encode();
        assertThat(get(port, "/api/cases/visible", token).statusCode()).isEqualTo(200);

        String scrape = get(managementPort, "/actuator/prometheus", null).body();

        assertThat(scrape)
                .contains("spring_cloud_gateway_requests_seconds_count{")
                // By route: the series the gateway's SLOs are computed from (ADR 45).
                .containsPattern("http_server_requests_seconds_count\\{[^}]*route=\"cases\"")
                .doesNotContain("spring_security_")
                .doesNotContain("_active_seconds");
    }

    /**
     * Nothing that no caller uses runs on every request (run I in docs/benchmarks/content.md): the
     * trace context is read and passed on, baggage is not (the gateway drops a caller's at the door
     * and makes none); and no route is weighted, so no weight calculator runs before every route
     * choice.
     */
    @Test
    void passesOnTheTraceContextButNoBaggageAndRunsNoWeightCalculator(
            @Autowired Propagator propagator, @Autowired ApplicationContext context) {
        assertThat(propagator.fields()).contains("traceparent").doesNotContain("baggage");
        assertThat(context.getBeansOfType(WebFilter.class)).isNotEmpty();
        assertThat(context.getBeansOfType(WeightCalculatorWebFilter.class)).isEmpty();
    }

    /** Kubernetes' probes (deploy/k8s) ask these two health groups on the management port. */
    @Test
    void theManagementPortAnswersTheLivenessAndReadinessGroups() throws Exception {
        for (String path :
                new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = get(managementPort, path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void thePublicPortServesNoActuatorEndpoint() throws Exception {
        String admin = issuer.staff("judy", "ADMIN").staffId("00010008").encode();
        for (String path :
                new String[] {
                    "/actuator/prometheus",
                    "/actuator/health",
                    "/actuator/health/liveness",
                    "/actuator/health/readiness"
                }) {
            assertThat(get(port, path, admin).statusCode()).as(path).isIn(401, 403, 404);
        }
    }

    @Test
    void theManagementPortRoutesNothingToAService() throws Exception {
        String token = issuer.citizen("alice").encode();
        int before = services.hits("/api/cases/visible");

        HttpResponse<String> response = get(managementPort, "/api/cases/visible", token);

        assertThat(response.statusCode()).isIn(401, 403, 404);
        assertThat(services.hits("/api/cases/visible")).isEqualTo(before);
        assertThat(get(managementPort, "/actuator/env", null).statusCode()).isIn(401, 403, 404);
    }

    private HttpResponse<String> get(int to, String path, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + to + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
