package uk.gov.hertfordshire.identity;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code platform.identity}.
 *
 * @param baseUrl scheme, host and port the issuers live under; each issuer is {@code
 *     <baseUrl>/<segment>}. It is configuration, not taken from each request, because the platform
 *     trusts an exact {@code iss}: a token fetched through {@code localhost} instead of {@code
 *     127.0.0.1} must not carry a different issuer.
 * @param audience the {@code aud} of every access token
 * @param keyDirectory where the signing keys are kept, so tokens survive a restart
 * @param accessTokenTimeToLive how long an access token is valid
 * @param personaPassword the password every user persona signs in with on the login page
 * @param redirectUris where the browser-login clients may send the authorisation code
 */
@ConfigurationProperties("platform.identity")
record IdentityProperties(
        @DefaultValue("http://127.0.0.1:9000") URI baseUrl,
        @DefaultValue("hertfordshire-platform") String audience,
        @DefaultValue("./data/identity") Path keyDirectory,
        @DefaultValue("1h") Duration accessTokenTimeToLive,
        @DefaultValue("demo") String personaPassword,
        @DefaultValue("http://127.0.0.1:8080/login/oauth2/code/platform")
                List<String> redirectUris) {

    IdentityProperties {
        Objects.requireNonNull(baseUrl, "platform.identity.base-url");
        String path = baseUrl.getPath();
        if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null
                || !(path == null || path.isEmpty() || "/".equals(path))
                || baseUrl.getQuery() != null
                || baseUrl.getFragment() != null) {
            // The issuer paths are matched against the request path, so a base path would never
            // match; fail at start-up rather than answer 404 for every issuer.
            throw new IllegalArgumentException(
                    "platform.identity.base-url must be scheme://host[:port] with no path, was "
                            + baseUrl);
        }
        baseUrl = URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority());
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("platform.identity.audience must not be blank");
        }
        redirectUris = List.copyOf(redirectUris);
    }

    /** The exact {@code iss} of tokens from this issuer. */
    String issuerUri(Issuer issuer) {
        return baseUrl + "/" + issuer.segment();
    }
}
