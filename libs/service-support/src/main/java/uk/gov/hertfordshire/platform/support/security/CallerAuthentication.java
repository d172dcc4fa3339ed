package uk.gov.hertfordshire.platform.support.security;

import java.util.Map;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.CallerPolicy;

/**
 * A validated bearer token as Spring Security holds it: the principal is the {@link Caller} (so
 * {@code @AuthenticationPrincipal Caller} and a plain {@code Caller} parameter both work), the
 * authorities are {@code ROLE_<role>}, and the name is {@link Caller#id()}, never the bare subject:
 * two issuers may well use the same subject for different people.
 */
final class CallerAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

    private static final long serialVersionUID = 1L;

    CallerAuthentication(Jwt jwt, Caller caller) {
        super(
                jwt,
                caller,
                jwt,
                AuthorityUtils.createAuthorityList(CallerPolicy.authorities(caller)));
        setAuthenticated(true);
    }

    Caller caller() {
        return (Caller) getPrincipal();
    }

    @Override
    public Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        return caller().id();
    }
}
