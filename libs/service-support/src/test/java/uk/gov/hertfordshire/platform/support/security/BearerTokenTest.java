package uk.gov.hertfordshire.platform.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer.Flaw;

/**
 * The token rules every service gets from the library, against real tokens from the test identity
 * provider: each refused token differs from the accepted one in exactly one property.
 */
@PlatformIntegrationTest
class BearerTokenTest {

    static final TestIssuer idp = TestIssuer.shared();

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aValidTokenIsAcceptedAndNamesTheCallerByIssuerAndSubject() throws Exception {
        HttpResponse<String> response = get("/whoami", idp.staff("officer-dan", "OFFICER"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"id\":\"" + idp.issuer(TestIssuer.STAFF) + "|officer-dan\"")
                .contains("\"roles\":[\"OFFICER\"]");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flaw.class)
    void aTokenWrongInOnePropertyIsRefusedWith401BesideTheValidOne(Flaw flaw) throws Exception {
        TestIssuer.TokenBuilder valid = idp.citizen("alice");

        HttpResponse<String> accepted = get("/whoami", valid);
        HttpResponse<String> refused = get("/whoami", valid.with(flaw));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(
                        challenge ->
                                assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
        assertThat(refused.body())
                .contains("\"status\":401")
                .doesNotContainIgnoringCase("nimbus")
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("alice");
    }

    @Test
    void noTokenIsA401ProblemWithABearerChallenge() throws Exception {
        HttpResponse<String> response = get("/whoami", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(response.body()).contains("needs a bearer access token");
    }

    @Test
    void anyEndpointNoRuleListsNeedsATokenAndAnyValidOneWillDo() throws Exception {
        assertThat(get("/whoami", null).statusCode()).isEqualTo(401);
        assertThat(get("/whoami", idp.partner("partner-nhs-herts", "nhs-herts")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anEndpointTheServiceDeclaredPublicIsOpenForThatMethodOnly() throws Exception {
        HttpResponse<String> anonymousRead = get("/notices", null);
        HttpResponse<String> anonymousWrite =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/notices"))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(anonymousRead.statusCode()).isEqualTo(200);
        assertThat(anonymousWrite.statusCode()).isEqualTo(401);
    }

    @Test
    void aBadTokenIsRefusedEvenOnAPublicEndpoint() throws Exception {
        assertThat(get("/notices", idp.citizen("alice").expired()).statusCode()).isEqualTo(401);
        assertThat(get("/notices", idp.citizen("alice")).statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceCannotOpenAnOperatorEndpointByListingItPublic() throws Exception {
        assertThat(get("/actuator/deadletters", null).statusCode()).isEqualTo(401);
    }

    @Test
    void healthInfoAndPrometheusAreOpenWithoutAToken() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aCitizenIssuerClaimingAdminCannotReachDeadLettersBesideAStaffAdminWhoCan()
            throws Exception {
        HttpResponse<String> citizenClaimingAdmin =
                get("/actuator/deadletters", idp.citizen("mallory").roles("CITIZEN", "ADMIN"));
        HttpResponse<String> staffAdmin =
                get("/actuator/deadletters", idp.staff("admin-judy", "ADMIN"));

        assertThat(citizenClaimingAdmin.statusCode()).isEqualTo(403);
        assertThat(citizenClaimingAdmin.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(staffAdmin.statusCode()).isEqualTo(200);
    }

    @Test
    void staffWithoutAdminCannotReachDeadLettersNorAnyoneWithoutAToken() throws Exception {
        assertThat(get("/actuator/deadletters", idp.staff("officer-dan", "OFFICER")).statusCode())
                .isEqualTo(403);
        assertThat(get("/actuator/deadletters", null).statusCode()).isEqualTo(401);
    }

    @Test
    void rolesAnIssuerMayNotGrantAreDropped() throws Exception {
        HttpResponse<String> response =
                get("/whoami", idp.citizen("mallory").roles("CITIZEN", "ADMIN", "ANALYST"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"roles\":[\"CITIZEN\"]");
    }

    @Test
    void aMethodSecurityRefusalIsA403ProblemBesideTheRoleItAllows() throws Exception {
        HttpResponse<String> citizen = get("/reports", idp.citizen("alice"));
        HttpResponse<String> analyst = get("/reports", idp.staff("analyst-ivan", "ANALYST"));

        assertThat(citizen.statusCode()).isEqualTo(403);
        assertThat(citizen.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(citizen.body()).contains("Your roles do not allow this request");
        assertThat(analyst.statusCode()).isEqualTo(200);
    }

    @Test
    void aSignedTokenThatNamesNoSubjectIsA401NotAServerError() throws Exception {
        TestIssuer.TokenBuilder valid = idp.citizen("alice");

        assertThat(get("/whoami", valid.claim("sub", "")).statusCode()).isEqualTo(401);
        assertThat(get("/whoami", valid).statusCode()).isEqualTo(200);
    }

    /**
     * Spring Security would otherwise wrap each of its filters, the authentication and both
     * authorization decisions of every request in observations of their own (meters and spans
     * nobody reads, a sixth of case-service's CPU per submission): the request's own observation
     * stays.
     */
    @Test
    void securityMakesNoObservationsOfItsOwnBesideTheRequestsObservation() throws Exception {
        assertThat(get("/reports", idp.staff("analyst-ivan", "ANALYST")).statusCode())
                .isEqualTo(200);
        assertThat(get("/reports", idp.citizen("alice")).statusCode()).isEqualTo(403);

        List<String> exposition = get("/actuator/prometheus", null).body().lines().toList();

        assertThat(exposition)
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .startsWith("http_server_requests_seconds_count{")
                                        .contains("uri=\"/reports\"")
                                        .contains("status=\"200\""));
        assertThat(exposition).noneSatisfy(line -> assertThat(line).contains("spring_security"));
    }

    private HttpResponse<String> get(String path, TestIssuer.TokenBuilder token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", token.bearer());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
