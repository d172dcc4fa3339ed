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
 * Production: HTTPS only, and none of the local conveniences (no API documents, no CORS for a
 * developer's origin, no room for the bench client). {@link LocalProfileTest} asks the same
 * questions of the local profile and gets the conveniences.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("production")
class ProductionProfileTest {

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
    void theProductionProfileSendsStrictTransportSecurity() throws Exception {
        HttpResponse<String> response = gateway.get("/open311/v2/services.json", null);

        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .hasValue("max-age=31536000; includeSubDomains");
    }

    @Test
    void publishesNoSwaggerUiAndNoApiDocumentBesideAnOpenPublicRoute() throws Exception {
        int documentsServedBefore = ProfileProbe.services.hits("/v3/api-docs");
        assertThat(gateway.get("/open311/v2/services.json", null).statusCode()).isEqualTo(200);
        for (String path :
                new String[] {
                    "/swagger-ui.html",
                    "/swagger-ui/index.html",
                    "/v3/api-docs/gateway",
                    "/v3/api-docs/gateway/swagger-config",
                    "/api-docs/cases"
                }) {
            assertThat(gateway.get(path, null).statusCode()).as(path).isIn(401, 404);
        }
        assertThat(ProfileProbe.services.hits("/v3/api-docs")).isEqualTo(documentsServedBefore);
    }

    @Test
    void allowsNoBrowserOriginUntilOneIsConfigured() throws Exception {
        HttpResponse<String> developer = gateway.preflight("http://localhost:3000");

        assertThat(developer.statusCode()).isEqualTo(403);
        assertThat(developer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theBenchClientIsLimitedLikeAnyOtherCaller() throws Exception {
        long bench = gateway.remainingAfterOneRequest(ProfileProbe.benchToken());
        long staffTool = gateway.remainingAfterOneRequest(ProfileProbe.staffToolToken());

        assertThat(bench).isEqualTo(staffTool).isLessThan(200);
    }
}
