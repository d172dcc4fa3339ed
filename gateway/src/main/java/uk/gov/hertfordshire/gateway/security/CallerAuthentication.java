package uk.gov.hertfordshire.gateway.security;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import uk.gov.hertfordshire.platform.security.Caller;

/** A validated token and the caller it stands for; its name is issuer|subject, never sub alone. */
public final class CallerAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

    private final Caller caller;

    CallerAuthentication(
            Jwt jwt, Caller caller, Collection<? extends GrantedAuthority> authorities) {
        super(jwt, caller, jwt, authorities);
        this.caller = caller;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public java.util.Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        return caller.id();
    }
}
