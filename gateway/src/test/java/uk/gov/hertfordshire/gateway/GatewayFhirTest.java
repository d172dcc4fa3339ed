package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * {@code /fhir/**}: the CapabilityStatement is anonymous, referrals are for partners and care
 * staff, and the gateway's own refusals are FHIR OperationOutcomes, each beside a call that passes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayFhirTest {

    static final StubService care = new StubService();
    static final TestIssuer issuer = TestIssuer.shared();

    @DynamicPropertySource
    static void routesAndIssuers(DynamicPropertyRegistry registry) {
        registry.add("platform.services.care-service", care::url);
        issuer.trustProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stop() {
        care.stop();
    }

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theCapabilityStatementIsAnonymousButReferralsNeedAToken() throws Exception {
        HttpResponse<String> metadata = get("/fhir/r4/metadata", null);
        HttpResponse<String> referral = get("/fhir/r4/ServiceRequest/42", null);

        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(referral.statusCode()).isEqualTo(401);
        assertThat(referral.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/fhir+json"));
        assertThat(referral.body())
                .contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"login\"");
        assertThat(care.hits("/fhir/r4/ServiceRequest/42")).isZero();
    }

    @Test
    void aCitizenIsRefusedWithAnOperationOutcomeWhileAPartnerAndCareStaffPass() throws Exception {
        HttpResponse<String> citizen =
                get("/fhir/r4/ServiceRequest/7", issuer.citizen("alice").encode());
        HttpResponse<String> partner =
                get(
                        "/fhir/r4/ServiceRequest/7",
                        issuer.partner("partner-nhs-herts", "nhs-herts").encode());
        HttpResponse<String> manager =
                get(
                        "/fhir/r4/ServiceRequest/7",
                        issuer.staff("heidi", "CARE_MANAGER").staffId("00010006").encode());

        assertThat(citizen.statusCode()).isEqualTo(403);
        assertThat(citizen.body())
                .contains("\"resourceType\":\"OperationOutcome\"", "\"code\":\"forbidden\"");
        assertThat(partner.statusCode()).isEqualTo(200);
        assertThat(manager.statusCode()).isEqualTo(200);
        assertThat(care.hits("/fhir/r4/ServiceRequest/7")).isEqualTo(2);
    }

    @Test
    void anAgentHasNoFhirAccessWhileItsStaffApiIsStillRouted() throws Exception {
        String agent = issuer.staff("carol", "AGENT").staffId("00010001").encode();

        assertThat(get("/fhir/r4/ServiceRequest/9", agent).statusCode()).isEqualTo(403);
        assertThat(get("/api/care/referrals/9", agent).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
