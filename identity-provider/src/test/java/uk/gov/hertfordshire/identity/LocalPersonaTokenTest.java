package uk.gov.hertfordshire.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

/** In the local profile, any persona's token can be had without a browser. */
@ActiveProfiles("local")
class LocalPersonaTokenTest extends RunningProvider {

    /**
     * The claims docs/architecture.md allows in an access token: no name, email or phone number.
     */
    private static final Set<String> AGREED_CLAIMS =
            Set.of(
                    "iss",
                    "sub",
                    "aud",
                    "exp",
                    "nbf",
                    "iat",
                    "jti",
                    "roles",
                    "staff_id",
                    "agency_id",
                    "azp",
                    "client_id",
                    "scope");

    @Test
    void citizenAliceGetsACitizenTokenFromTheCitizenIssuer() throws Exception {
        IdentityProviderClient idp = client();

        HttpResponse<String> response = idp.post("/local/tokens/citizen-alice");

        Map<String, Object> body = IdentityProviderClient.json(response);
        assertThat(body.get("token_type")).isEqualTo("Bearer");
        assertThat(((Number) body.get("expires_in")).longValue()).isEqualTo(3600);
        JWTClaimsSet claims = idp.verify(IdentityProviderClient.accessToken(response), "citizens");
        assertThat(claims.getIssuer()).isEqualTo(idp.issuer("citizens"));
        assertThat(claims.getSubject()).isEqualTo("citizen-alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("CITIZEN");
        assertThat(claims.getClaims()).doesNotContainKeys("staff_id", "agency_id");
        assertThat(claims.getStringClaim("azp")).isEqualTo("citizen-app");
    }

    @Test
    void officerDanGetsAStaffTokenWithHisStaffId() throws Exception {
        IdentityProviderClient idp = client();

        String token = IdentityProviderClient.accessToken(idp.post("/local/tokens/officer-dan"));

        JWTClaimsSet claims = idp.verify(token, "staff");
        assertThat(claims.getIssuer()).isEqualTo(idp.issuer("staff"));
        assertThat(claims.getStringListClaim("roles")).containsExactly("OFFICER");
        assertThat(claims.getStringClaim("staff_id")).isEqualTo("00010002");
        assertThat(claims.getStringClaim("azp")).isEqualTo("staff-tools");
    }

    @Test
    void everyPersonaGetsATokenFromItsOwnIssuerWithOnlyTheAgreedClaims() throws Exception {
        IdentityProviderClient idp = client();

        for (Persona persona : Personas.ALL) {
            String token =
                    IdentityProviderClient.accessToken(idp.post("/local/tokens/" + persona.name()));

            JWTClaimsSet claims = idp.verify(token, persona.issuer().segment());
            assertThat(claims.getSubject()).isEqualTo(persona.name());
            assertThat(claims.getStringListClaim("roles")).isEqualTo(persona.roles());
            assertThat(claims.getStringClaim("staff_id")).isEqualTo(persona.staffId());
            assertThat(claims.getStringClaim("agency_id")).isEqualTo(persona.agencyId());
            assertThat(AGREED_CLAIMS).as(persona.name()).containsAll(claims.getClaims().keySet());
        }
    }

    @Test
    void aLocallyMintedPartnerTokenCarriesWhatTheClientCredentialsGrantGives() throws Exception {
        IdentityProviderClient idp = client();

        JWTClaimsSet minted =
                idp.verify(
                        IdentityProviderClient.accessToken(
                                idp.post("/local/tokens/partner-nhs-herts")),
                        "partners");
        JWTClaimsSet granted =
                idp.verify(
                        IdentityProviderClient.accessToken(
                                idp.clientCredentials(
                                        "partners", "partner-nhs-herts", "nhs-herts-local-secret")),
                        "partners");

        assertThat(withoutTimesAndId(minted)).isEqualTo(withoutTimesAndId(granted));
    }

    @Test
    void anUnknownPersonaIs404AndNamesTheKnownOnes() {
        IdentityProviderClient idp = client();

        assertThat(idp.post("/local/tokens/citizen-alice").statusCode()).isEqualTo(200);
        HttpResponse<String> response = idp.post("/local/tokens/citizen-mallory");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(IdentityProviderClient.json(response).get("personas"))
                .isEqualTo(Personas.names());
    }

    @Test
    void thePersonasAreListedWithTheirIssuers() {
        IdentityProviderClient idp = client();

        String body = idp.get("/local/personas").body();

        assertThat(body)
                .contains(
                        "{\"name\":\"officer-dan\",\"issuer\":\""
                                + idp.issuer("staff")
                                + "\",\"roles\":[\"OFFICER\"],\"staff_id\":\"00010002\"}");
    }

    private static Map<String, Object> withoutTimesAndId(JWTClaimsSet claims) {
        Map<String, Object> rest = new HashMap<>(claims.getClaims());
        rest.keySet().removeAll(Set.of("iat", "nbf", "exp", "jti"));
        return rest;
    }
}
