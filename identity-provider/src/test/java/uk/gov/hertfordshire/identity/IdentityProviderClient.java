package uk.gov.hertfordshire.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a resource server or a script does with the identity provider, over real HTTP: discovery,
 * the token endpoint, the local endpoints, and validating a token against an issuer's JWKS with
 * Nimbus (the library Spring Security's resource servers use).
 */
final class IdentityProviderClient {

    static final String AUDIENCE = "hertfordshire-platform";

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .cookieHandler(new CookieManager())
                    .build();

    IdentityProviderClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    String issuer(String segment) {
        return baseUrl + "/" + segment;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", accept));
    }

    HttpResponse<String> post(String path) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> postForm(String path, Map<String, String> form) {
        return send(formRequest(path, form));
    }

    /** The client-credentials grant with client_secret_basic, as {@code curl -u id:secret}. */
    HttpResponse<String> clientCredentials(String issuerSegment, String clientId, String secret) {
        String basic =
                Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(
                formRequest(
                                "/" + issuerSegment + "/oauth2/token",
                                Map.of("grant_type", "client_credentials"))
                        .header("Authorization", "Basic " + basic));
    }

    Map<String, Object> discovery(String issuerSegment) {
        return json(get("/" + issuerSegment + "/.well-known/openid-configuration"));
    }

    /** The access token from a 200 token response. */
    static String accessToken(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "expected a token, got " + response.statusCode() + ": " + response.body());
        }
        return (String) json(response).get("access_token");
    }

    /**
     * Validates the token as a resource server trusting this issuer would: RS256 signature by a key
     * in the issuer's JWKS (found through discovery), exact issuer, the platform audience, expiry
     * and not-before.
     */
    JWTClaimsSet verify(String token, String issuerSegment) throws Exception {
        String jwksUri = (String) discovery(issuerSegment).get("jwks_uri");
        JWKSet keys = JWKSet.parse(get(URI.create(jwksUri).getPath()).body());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(
                new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(
                new DefaultJWTClaimsVerifier<>(
                        AUDIENCE,
                        new JWTClaimsSet.Builder().issuer(issuer(issuerSegment)).build(),
                        Set.of("sub", "exp", "nbf", "iat", "roles", "azp", "client_id")));
        return processor.process(SignedJWT.parse(token), null);
    }

    static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError(
                    "not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    private HttpRequest.Builder formRequest(String path, Map<String, String> form) {
        String body =
                form.entrySet().stream()
                        .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                        .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
