package uk.gov.hertfordshire.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The load-test client of {@code ./platform bench} gets its tokens with the client-credentials
 * grant from the staff issuer, named by {@code azp} so the local gateway can give it room; it is a
 * client, not a person who can sign in.
 */
class BenchClientCredentialsTest extends RunningProvider {

    private static final String BENCH = "platform-bench";
    private static final String SECRET = "platform-bench-local-secret";

    @Test
    void theBenchClientGetsAStaffAgentTokenNamingItselfAsTheClient() throws Exception {
        IdentityProviderClient idp = client();

        HttpResponse<String> response = idp.clientCredentials("staff", BENCH, SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        JWTClaimsSet claims = idp.verify(IdentityProviderClient.accessToken(response), "staff");
        assertThat(claims.getSubject()).isEqualTo(BENCH);
        assertThat(claims.getStringClaim("azp")).isEqualTo(BENCH);
        assertThat(claims.getStringListClaim("roles")).containsExactly("AGENT");
        assertThat(claims.getStringClaim("staff_id")).matches("\\d{8}");
        assertThat(claims.getExpirationTime()).isNotNull();
    }

    @Test
    void onlyTheStaffIssuerKnowsTheBenchClientAndOnlyWithItsSecret() {
        IdentityProviderClient idp = client();

        assertThat(idp.clientCredentials("staff", BENCH, SECRET).statusCode()).isEqualTo(200);
        assertThat(idp.clientCredentials("staff", BENCH, SECRET + "x").statusCode()).isEqualTo(401);
        for (String issuer : List.of("citizens", "partners")) {
            assertThat(idp.clientCredentials(issuer, BENCH, SECRET).statusCode())
                    .as(issuer)
                    .isEqualTo(401);
        }
    }
}
