package uk.gov.hertfordshire.platform.support.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
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
