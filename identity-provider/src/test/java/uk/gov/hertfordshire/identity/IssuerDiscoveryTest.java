package uk.gov.hertfordshire.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each issuer publishes standard metadata naming itself and its own JWKS, and nothing else does.
 */
class IssuerDiscoveryTest extends RunningProvider {

    @ParameterizedTest
    @ValueSource(strings = {"staff", "citizens", "partners"})
    void eachIssuerPublishesOpenIdDiscoveryNamingItselfAndItsJwks(String issuer) {
        IdentityProviderClient idp = client();

        Map<String, Object> metadata = idp.discovery(issuer);

        assertThat(metadata.get("issuer")).isEqualTo(idp.issuer(issuer));
        assertThat(metadata.get("jwks_uri")).isEqualTo(idp.issuer(issuer) + "/oauth2/jwks");
        assertThat(metadata.get("token_endpoint")).isEqualTo(idp.issuer(issuer) + "/oauth2/token");
        assertThat(metadata.get("id_token_signing_alg_values_supported"))
                .isEqualTo(List.of("RS256"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staff", "citizens", "partners"})
    void eachIssuerPublishesAuthorizationServerMetadataAtTheRfc8414Path(String issuer) {
        IdentityProviderClient idp = client();

        Map<String, Object> metadata =
                IdentityProviderClient.json(
                        idp.get("/.well-known/oauth-authorization-server/" + issuer));

        assertThat(metadata.get("issuer")).isEqualTo(idp.issuer(issuer));
        assertThat(metadata.get("jwks_uri")).isEqualTo(idp.issuer(issuer) + "/oauth2/jwks");
    }

    @Test
    void theJwksPublishesPublicKeysOnly() {
        IdentityProviderClient idp = client();

        String jwks = idp.get("/citizens/oauth2/jwks").body();

        assertThat(jwks).contains("\"kty\":\"RSA\"", "\"n\":", "\"e\":");
        for (String privatePart : List.of("\"d\":", "\"p\":", "\"q\":", "\"dp\":", "\"qi\":")) {
            assertThat(jwks).doesNotContain(privatePart);
        }
    }

    @Test
    void authorizationServerEndpointsOutsideTheThreeIssuersAreNotFound() {
        IdentityProviderClient idp = client();

        assertThat(idp.get("/staff/.well-known/openid-configuration").statusCode()).isEqualTo(200);
        for (String path :
                List.of(
                        "/.well-known/openid-configuration",
                        "/other/.well-known/openid-configuration",
                        "/staff/other/.well-known/openid-configuration",
                        "/.well-known/oauth-authorization-server",
                        "/.well-known/oauth-authorization-server/other",
                        "/oauth2/jwks",
                        "/other/oauth2/jwks")) {
            assertThat(idp.get(path).statusCode()).as(path).isEqualTo(404);
        }
        // A token endpoint elsewhere would issue tokens naming a made-up issuer.
        assertThat(idp.clientCredentials("partners", "partner-nhs-herts", secret()).statusCode())
                .isEqualTo(200);
        for (String path : List.of("oauth2", "other/oauth2", "partners/other/oauth2")) {
            int status =
                    idp.postForm(
                                    "/" + path + "/token",
                                    Map.of(
                                            "grant_type", "client_credentials",
                                            "client_id", "partner-nhs-herts",
                                            "client_secret", secret()))
                            .statusCode();
            assertThat(status).as(path).isEqualTo(404);
        }
    }

    @Test
    void theIssuerIsTheConfiguredBaseUrlWhateverHostTheRequestNamed() throws IOException {
        IdentityProviderClient idp = client();
        URI base = URI.create(idp.baseUrl());

        String response =
                rawGet(base, "/staff/.well-known/openid-configuration", "idp.example.org:4444");

        assertThat(response).startsWith("HTTP/1.1 200");
        assertThat(response)
                .contains("\"issuer\":\"" + idp.issuer("staff") + "\"")
                .doesNotContain("idp.example.org");
    }

    private static String secret() {
        return Personas.named("partner-nhs-herts").orElseThrow().clientSecret();
    }

    /** A GET with a Host header of our choosing, which the JDK HTTP client does not allow. */
    private static String rawGet(URI base, String path, String host) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
