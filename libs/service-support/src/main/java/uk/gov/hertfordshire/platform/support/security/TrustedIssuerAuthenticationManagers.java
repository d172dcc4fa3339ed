package uk.gov.hertfordshire.platform.support.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import uk.gov.hertfordshire.platform.security.TrustedIssuer;

/**
 * One authentication manager per trusted issuer, for Spring Security's {@code
 * JwtIssuerAuthenticationManagerResolver} (which reads {@code iss} from the still unverified token
 * and asks here; an issuer not listed gets {@code null}, which it answers with 401).
 *
 * <p>Each issuer's decoder is built on the first token from that issuer, not at start-up, so a
 * service starts (and reports healthy) before its identity providers; if the issuer cannot be
 * reached then, the next token tries again.
 */
final class TrustedIssuerAuthenticationManagers implements AuthenticationManagerResolver<String> {

    private final Map<String, AuthenticationManager> managers = new LinkedHashMap<>();

    TrustedIssuerAuthenticationManagers(
            Iterable<TrustedIssuer> trusted,
            Function<String, JwtDecoder> decoders,
            Converter<Jwt, AbstractAuthenticationToken> converter) {
        for (TrustedIssuer issuer : trusted) {
            managers.put(
                    issuer.issuer(), new LazyIssuerManager(issuer.issuer(), decoders, converter));
        }
    }

    @Override
    public AuthenticationManager resolve(String issuer) {
        return issuer == null ? null : managers.get(issuer);
    }

    /**
     * A decoder that accepts only what a platform token must be: signed with RS256 or ES256 by a
     * key in the issuer's JWKS (never {@code none}, never a shared secret), from exactly this
     * issuer, for this audience, with an expiry, inside its validity window give or take the clock
     * skew.
     */
    static JwtDecoder decoder(String issuer, String audience, Duration clockSkew) {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withIssuerLocation(issuer)
                        .jwsAlgorithms(
                                algorithms -> {
                                    algorithms.clear();
                                    algorithms.add(SignatureAlgorithm.RS256);
                                    algorithms.add(SignatureAlgorithm.ES256);
                                })
                        .build();
        JwtTimestampValidator times = new JwtTimestampValidator(clockSkew);
        times.setAllowEmptyExpiryClaim(false);
        JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt");
        type.setAllowEmpty(true);
        OAuth2TokenValidator<Jwt> validator =
                new DelegatingOAuth2TokenValidator<>(
                        times,
                        new JwtIssuerValidator(issuer),
                        new JwtAudienceValidator(audience),
                        type);
        decoder.setJwtValidator(validator);
        return decoder;
    }

    private static final class LazyIssuerManager implements AuthenticationManager {

        private final String issuer;
        private final Function<String, JwtDecoder> decoders;
        private final Converter<Jwt, AbstractAuthenticationToken> converter;
        private volatile JwtAuthenticationProvider provider;

        LazyIssuerManager(
                String issuer,
                Function<String, JwtDecoder> decoders,
                Converter<Jwt, AbstractAuthenticationToken> converter) {
            this.issuer = issuer;
            this.decoders = decoders;
            this.converter = converter;
        }

        @Override
        public Authentication authenticate(Authentication bearer) {
            try {
                return provider().authenticate(bearer);
            } catch (AuthenticationServiceException e) {
                // Not the token's fault: the issuer's discovery or keys could not be fetched.
                throw new IssuerUnavailableException(issuer, e);
            }
        }

        private JwtAuthenticationProvider provider() {
            JwtAuthenticationProvider current = provider;
            if (current == null) {
                synchronized (this) {
                    current = provider;
                    if (current == null) {
                        try {
                            current = new JwtAuthenticationProvider(decoders.apply(issuer));
                        } catch (RuntimeException e) {
                            throw new IssuerUnavailableException(issuer, e);
                        }
                        current.setJwtAuthenticationConverter(converter);
                        provider = current;
                    }
                }
            }
            return current;
        }
    }
}
