package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The local platform's profile: the Swagger UI and each service's document, CORS for a developer's
 * app on localhost:3000, and room for the bench client ({@link LocalRateLimitTest}: and only for
 * it). {@link ProductionProfileTest} asks the same of production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class LocalProfileTest {

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        ProfileProbe.wire(registry);
    }

    @LocalServerPort int port;
    private ProfileProbe gateway;

    @BeforeEach
    void probe() {
        gateway = new ProfileProbe(port);
    }

    @Test
    void servesTheSwaggerUiAndEachServicesOpenApiDocumentWithoutAToken() throws Exception {
        HttpResponse<String> ui = gateway.get("/swagger-ui/index.html", null);
        HttpResponse<String> config = gateway.get("/v3/api-docs/gateway/swagger-config", null);
        HttpResponse<String> casesDocument = gateway.get("/api-docs/cases", null);

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        assertThat(config.body()).contains("/api-docs/cases").contains("analytics-service");
        assertThat(casesDocument.statusCode()).isEqualTo(200);
        assertThat(ProfileProbe.services.hits("/v3/api-docs"))
                .as("rewritten to the service's own document")
                .isPositive();
    }

    @Test
    void theGatewaysOwnDocumentIsTitledAndListsNoInternalRoute() throws Exception {
        HttpResponse<String> document = gateway.get("/v3/api-docs/gateway", null);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body())
                .contains("\"title\":\"Hertfordshire platform gateway\"")
                .doesNotContain("OpenAPI definition")
                .doesNotContain("/fallback");
    }

    @Test
    void corsAllowsTheDevelopersAppOriginAndNoOther() throws Exception {
        HttpResponse<String> allowed = gateway.preflight("http://localhost:3000");
        HttpResponse<String> refused = gateway.preflight("https://evil.example");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://localhost:3000");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theBenchClientHasRoomAboveTheLoadItSendsAndAStaffToolDoesNot() throws Exception {
        long bench = gateway.remainingAfterOneRequest(ProfileProbe.benchToken());
        long staffTool = gateway.remainingAfterOneRequest(ProfileProbe.staffToolToken());

        assertThat(bench).isGreaterThan(10_000);
        assertThat(staffTool).isLessThan(200);
    }

    @Test
    void theBenchPartnerClientHasRoomAndARealPartnerDoesNot() throws Exception {
        String referrals = "/fhir/r4/ServiceRequest?identifier=probe";
        long bench = gateway.remainingAfterOneRequest(ProfileProbe.benchPartnerToken(), referrals);
        long partner = gateway.remainingAfterOneRequest(ProfileProbe.partnerToken(), referrals);

        assertThat(bench).isGreaterThan(10_000);
        assertThat(partner).isLessThan(200);
    }
}
