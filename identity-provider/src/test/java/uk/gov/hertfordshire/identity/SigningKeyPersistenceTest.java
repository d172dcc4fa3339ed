package uk.gov.hertfordshire.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The signing keys live in the key directory: a token outlives a restart, and a rotation keeps the
 * tokens already issued valid. Each test starts and stops whole application contexts, as the
 * platform starts and stops the process.
 */
class SigningKeyPersistenceTest {

    @TempDir Path keys;
    @TempDir Path otherKeys;

    @Test
    void aTokenIssuedBeforeARestartValidatesAgainstTheJwksAfterIt() throws Exception {
        int port = RunningProvider.freePort();
        String issued;
        try (ConfigurableApplicationContext first = start(keys, port)) {
            issued = partnerToken(client(port));
        }
        String token = issued;

        try (ConfigurableApplicationContext second = start(keys, port)) {
            assertThat(client(port).verify(token, "partners").getSubject())
                    .isEqualTo("partner-nhs-herts");
        }
        // The control: a provider with keys of its own does not accept it.
        int otherPort = RunningProvider.freePort();
        try (ConfigurableApplicationContext other = start(otherKeys, otherPort)) {
            IdentityProviderClient otherIdp = client(otherPort);
            assertThat(otherIdp.verify(partnerToken(otherIdp), "partners")).isNotNull();
            assertThatThrownBy(() -> otherIdp.verify(token, "partners"))
                    .isInstanceOf(BadJOSEException.class)
                    .hasMessageContaining("no matching key");
        }
    }

    @Test
    void rotationSignsWithANewKeyAndKeepsIssuedTokensValidUpToThreeKeys() throws Exception {
        int port = RunningProvider.freePort();
        try (ConfigurableApplicationContext provider = start(keys, port, "local")) {
            IdentityProviderClient idp = client(port);
            String first = localToken(idp);
            String firstKid = kid(first);

            Map<String, Object> rotation =
                    IdentityProviderClient.json(idp.post("/local/keys/rotate"));

            String secondKid = (String) rotation.get("active_kid");
            assertThat(secondKid).isNotEqualTo(firstKid);
            assertThat(rotation.get("published_kids")).isEqualTo(List.of(secondKid, firstKid));
            assertThat(publishedKids(idp)).containsExactly(secondKid, firstKid);
            String second = localToken(idp);
            assertThat(kid(second)).isEqualTo(secondKid);
            assertThat(idp.verify(first, "citizens").getSubject()).isEqualTo("citizen-alice");
            assertThat(idp.verify(second, "citizens").getSubject()).isEqualTo("citizen-alice");

            idp.post("/local/keys/rotate");
            Map<String, Object> fourth =
                    IdentityProviderClient.json(idp.post("/local/keys/rotate"));

            // Three keys at most: the first has fallen off, and only its tokens with it.
            assertThat(publishedKids(idp))
                    .hasSize(3)
                    .startsWith((String) fourth.get("active_kid"))
                    .endsWith(secondKid)
                    .doesNotContain(firstKid);
            assertThat(idp.verify(second, "citizens").getSubject()).isEqualTo("citizen-alice");
            assertThatThrownBy(() -> idp.verify(first, "citizens"))
                    .isInstanceOf(BadJOSEException.class)
                    .hasMessageContaining("no matching key");
        }
    }

    @Test
    void aRotationIsKeptAcrossARestart() throws Exception {
        int port = RunningProvider.freePort();
        List<String> published;
        String token;
        try (ConfigurableApplicationContext provider = start(keys, port, "local")) {
            IdentityProviderClient idp = client(port);
            idp.post("/local/keys/rotate");
            published = publishedKids(idp);
            token = localToken(idp);
        }

        try (ConfigurableApplicationContext provider = start(keys, port, "local")) {
            IdentityProviderClient idp = client(port);
            assertThat(publishedKids(idp)).isEqualTo(published).hasSize(2);
            assertThat(kid(localToken(idp))).isEqualTo(published.get(0));
            assertThat(idp.verify(token, "citizens").getSubject()).isEqualTo("citizen-alice");
        }
    }

    private static ConfigurableApplicationContext start(
            Path keyDirectory, int port, String... profiles) {
        return new SpringApplicationBuilder(IdentityProviderApplication.class)
                .profiles(profiles)
                .run(
                        "--server.port=" + port,
                        "--platform.identity.base-url=http://127.0.0.1:" + port,
                        "--platform.identity.key-directory=" + keyDirectory);
    }

    private static IdentityProviderClient client(int port) {
        return new IdentityProviderClient("http://127.0.0.1:" + port);
    }

    private static String partnerToken(IdentityProviderClient idp) {
        return IdentityProviderClient.accessToken(
                idp.clientCredentials("partners", "partner-nhs-herts", "nhs-herts-local-secret"));
    }

    private static String localToken(IdentityProviderClient idp) {
        return IdentityProviderClient.accessToken(idp.post("/local/tokens/citizen-alice"));
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static List<String> publishedKids(IdentityProviderClient idp) throws Exception {
        List<Object> keys =
                JSONObjectUtils.getJSONArray(
                        JSONObjectUtils.parse(idp.get("/citizens/oauth2/jwks").body()), "keys");
        return keys.stream().map(key -> (String) ((Map<?, ?>) key).get("kid")).toList();
    }
}
