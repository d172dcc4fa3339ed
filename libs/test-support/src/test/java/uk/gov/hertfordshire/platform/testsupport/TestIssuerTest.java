package uk.gov.hertfordshire.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestIssuerTest {

    static final TestIssuer idp = TestIssuer.start();

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void eachIssuerPublishesDiscoveryNamingItselfAndItsKeys() throws Exception {
        for (String name : List.of(TestIssuer.STAFF, TestIssuer.CITIZENS, TestIssuer.PARTNERS)) {
            String issuer = idp.issuer(name);
            Map<String, Object> discovery =
                    JSONObjectUtils.parse(get(issuer + "/.well-known/openid-configuration"));

            assertThat(discovery.get("issuer")).isEqualTo(issuer);
            assertThat(discovery.get("jwks_uri")).isEqualTo(issuer + "/oauth2/jwks");
            JWKSet keys = JWKSet.parse(get(issuer + "/oauth2/jwks"));
            assertThat(keys.getKeys()).hasSize(1);
            assertThat(keys.getKeys().get(0).isPrivate()).as("public keys only").isFalse();
        }
    }

    @Test
    void aValidTokenIsSignedByItsIssuersPublishedKeyWithThePlatformClaims() throws Exception {
        String token =
                idp.staff("officer-dan", "OFFICER").staffId("00012345").clientId("tools").encode();

        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey published =
                JWKSet.parse(get(idp.issuer(TestIssuer.STAFF) + "/oauth2/jwks"))
                        .getKeys()
                        .get(0)
                        .toRSAKey();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(published.getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(idp.issuer(TestIssuer.STAFF));
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(TestIssuer.AUDIENCE);
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("OFFICER");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("staff_id")).isEqualTo("00012345");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("azp")).isEqualTo("tools");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime())
                .isAfter(jwt.getJWTClaimsSet().getNotBeforeTime());
    }

    @ParameterizedTest
    @EnumSource(TestIssuer.Flaw.class)
    void eachFlawChangesExactlyOnePropertyOfTheValidToken(TestIssuer.Flaw flaw) throws Exception {
        TestIssuer.TokenBuilder valid = idp.partner("partner-nhs-herts", "nhs-herts");

        Map<String, Object> good = properties(valid.encode());
        Map<String, Object> bad = properties(valid.with(flaw).encode());

        Set<String> differing = new HashSet<>(good.keySet());
        differing.addAll(bad.keySet());
        differing.removeIf(key -> Objects.equals(good.get(key), bad.get(key)));
        assertThat(differing).as(flaw + " differs in").hasSize(1);
    }

    @Test
    void trustPropertiesNameEachIssuerWithTheRolesItMayGrant() {
        Map<String, Object> properties = idp.trustProperties();

        assertThat(properties)
                .containsEntry("platform.security.issuers[0].issuer", idp.issuer("staff"))
                .containsEntry("platform.security.issuers[1].grantable-roles", "CITIZEN")
                .containsEntry("platform.security.issuers[2].grantable-roles", "PARTNER")
                .containsEntry("platform.security.audience", "hertfordshire-platform");
        assertThat(properties.get("platform.security.issuers[0].grantable-roles").toString())
                .contains("ADMIN")
                .doesNotContain("CITIZEN");
    }

    /**
     * What a verifier looks at, one entry each: how it is signed (algorithm and whether the
     * issuer's published key verifies it), every claim, and the validity window relative to the
     * issue time (the id and the issue time itself are new at each minting).
     */
    private static Map<String, Object> properties(String token) throws Exception {
        JWT jwt = JWTParser.parse(token);
        Map<String, Object> properties = new HashMap<>(jwt.getJWTClaimsSet().getClaims());
        long issuedAt = seconds(properties.remove("iat"));
        properties.remove("jti");
        properties.put("nbf", seconds(properties.get("nbf")) - issuedAt);
        if (properties.containsKey("exp")) {
            properties.put("exp", seconds(properties.get("exp")) - issuedAt);
        }
        properties.put(
                "signature",
                jwt.getHeader().getAlgorithm().getName() + " verified: " + verifies(jwt));
        return properties;
    }

    private static boolean verifies(JWT jwt) throws Exception {
        if (!(jwt instanceof SignedJWT signed)
                || !JWSAlgorithm.RS256.equals(signed.getHeader().getAlgorithm())) {
            return false;
        }
        return signed.verify(new RSASSAVerifier(publicKey()));
    }

    private static RSAKey publicKey() throws Exception {
        String issuer = idp.issuer(TestIssuer.PARTNERS);
        String jwks =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/jwks")).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
        return JWKSet.parse(jwks).getKeys().get(0).toRSAKey();
    }

    private static long seconds(Object date) {
        return ((Date) date).toInstant().getEpochSecond();
    }

    private String get(String url) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
