package uk.gov.hertfordshire.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Partner agencies get their tokens with the standard client-credentials grant. */
class PartnerClientCredentialsTest extends RunningProvider {

    private static final String NHS = "partner-nhs-herts";
    private static final String NHS_SECRET = "nhs-herts-local-secret";

    @Test
    void aPartnerGetsASignedJwtWithThePartnerRoleAndItsAgency() throws Exception {
        IdentityProviderClient idp = client();

        HttpResponse<String> response = idp.clientCredentials("partners", NHS, NHS_SECRET);

        Map<String, Object> body = IdentityProviderClient.json(response);
        assertThat(body.get("token_type")).isEqualTo("Bearer");
        String token = IdentityProviderClient.accessToken(response);
        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        JWTClaimsSet claims = idp.verify(token, "partners");
        assertThat(claims.getIssuer()).isEqualTo(idp.issuer("partners"));
        assertThat(claims.getSubject()).isEqualTo(NHS);
        assertThat(claims.getAudience()).containsExactly("hertfordshire-platform");
        assertThat(claims.getStringListClaim("roles")).containsExactly("PARTNER");
        assertThat(claims.getStringClaim("agency_id")).isEqualTo("nhs-herts");
        assertThat(claims.getStringClaim("azp")).isEqualTo(NHS);
        assertThat(claims.getStringClaim("client_id")).isEqualTo(NHS);
        assertThat(claims.getClaim("staff_id")).isNull();
        assertThat(
                        Duration.between(
                                claims.getIssueTime().toInstant(),
                                claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
        assertThat(claims.getNotBeforeTime()).isEqualTo(claims.getIssueTime());
    }

    @Test
    void eachPartnerGetsItsOwnAgency() throws Exception {
        IdentityProviderClient idp = client();

        String token =
                IdentityProviderClient.accessToken(
                        idp.clientCredentials(
                                "partners", "partner-herts-police", "herts-police-local-secret"));

        assertThat(idp.verify(token, "partners").getStringClaim("agency_id"))
                .isEqualTo("herts-police");
    }

    @Test
    void clientSecretPostWorksAsWellAsBasic() {
        HttpResponse<String> response =
                client().postForm(
                                "/partners/oauth2/token",
                                Map.of(
                                        "grant_type", "client_credentials",
                                        "client_id", NHS,
                                        "client_secret", NHS_SECRET));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongClientSecretIsRefusedWith401() {
        IdentityProviderClient idp = client();

        assertThat(idp.clientCredentials("partners", NHS, NHS_SECRET).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = idp.clientCredentials("partners", NHS, NHS_SECRET + "x");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(IdentityProviderClient.json(refused).get("error")).isEqualTo("invalid_client");
    }

    @Test
    void aPartnerClientIsUnknownToTheOtherIssuers() {
        IdentityProviderClient idp = client();

        assertThat(idp.clientCredentials("partners", NHS, NHS_SECRET).statusCode()).isEqualTo(200);
        // Otherwise the citizen or staff issuer would vouch for a partner agency.
        for (String issuer : List.of("citizens", "staff")) {
            assertThat(idp.clientCredentials(issuer, NHS, NHS_SECRET).statusCode())
                    .as(issuer)
                    .isEqualTo(401);
        }
    }

    @Test
    void aTokenFromThePartnerIssuerDoesNotValidateAsAnotherIssuers() throws Exception {
        IdentityProviderClient idp = client();
        String token =
                IdentityProviderClient.accessToken(
                        idp.clientCredentials("partners", NHS, NHS_SECRET));

        assertThat(idp.verify(token, "partners").getSubject()).isEqualTo(NHS);
        assertThatThrownBy(() -> idp.verify(token, "citizens")).hasMessageContaining("iss");
    }
}
