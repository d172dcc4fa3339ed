package uk.gov.hertfordshire.platform.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * A service whose identity provider does not answer (nothing listens on port 1) still starts and
 * reports healthy, since keys are fetched on the first token; that token gets a 503 to retry, not a
 * 401 that blames the caller nor a 500.
 */
@PlatformIntegrationTest
@TestPropertySource(
        properties = {
            "platform.security.issuers[0].issuer=" + IdentityProviderUnavailableTest.DOWN,
            "platform.security.issuers[0].grantable-roles=OFFICER"
        })
class IdentityProviderUnavailableTest {

    static final String DOWN = "http://127.0.0.1:1/staff";

    @LocalServerPort int port;

    @Test
    void theServiceStartsHealthyAndATokenFromTheUnreachableIssuerGets503() throws Exception {
        HttpResponse<String> health = get("/actuator/health", null);
        HttpResponse<String> unreachable =
                get("/whoami", TestIssuer.shared().staff("officer-dan", "OFFICER").issuedAs(DOWN));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(unreachable.statusCode()).isEqualTo(503);
        assertThat(unreachable.headers().firstValue("Retry-After")).isPresent();
        assertThat(unreachable.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(unreachable.body()).doesNotContain("127.0.0.1");
    }

    @Test
    void issuersTheTestOverrodeAreNoLongerTrusted() throws Exception {
        HttpResponse<String> response =
                get("/whoami", TestIssuer.shared().staff("officer-dan", "OFFICER"));

        assertThat(response.statusCode())
                .as("a test's own issuers replace the shared ones whole")
                .isEqualTo(401);
    }

    private HttpResponse<String> get(String path, TestIssuer.TokenBuilder token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", token.bearer());
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
