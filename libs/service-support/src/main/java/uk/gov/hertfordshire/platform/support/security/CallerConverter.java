package uk.gov.hertfordshire.platform.support.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.CallerPolicy;

/**
 * Turns a token whose signature, issuer, audience and times were checked into the caller it
 * describes, with only the roles its issuer may grant ({@link CallerPolicy}).
 */
final class CallerConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final CallerPolicy policy;

    CallerConverter(CallerPolicy policy) {
        this.policy = policy;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Caller caller;
        try {
            caller = policy.caller(jwt.getClaims());
        } catch (IllegalArgumentException e) {
            // A signed token that names nobody (no subject) is as good as no token.
            throw new InvalidBearerTokenException(e.getMessage(), e);
        }
        return new CallerAuthentication(jwt, caller);
    }
}
