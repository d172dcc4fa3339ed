package uk.gov.hertfordshire.identity;

import java.util.List;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the claims docs/architecture.md fixes into every access token, whichever way it is issued
 * (client credentials, browser login, or the local minting endpoint): {@code aud} the platform,
 * {@code roles}, {@code staff_id} for staff, {@code agency_id} for partners, {@code azp} and {@code
 * client_id}. Never a name, email or phone number: services identify a caller by {@code iss} and
 * {@code sub} and look nothing else up in the token.
 *
 * <p>Also the last check that an issuer vouches only for its own personas: a token for a subject
 * this issuer does not know is refused, not issued without roles.
 */
final class PlatformClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String ROLES = "roles";
    static final String STAFF_ID = "staff_id";
    static final String AGENCY_ID = "agency_id";
    static final String AZP = "azp";
    static final String CLIENT_ID = "client_id";

    private final IdentityProperties properties;

    PlatformClaims(IdentityProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        String subject = context.getPrincipal().getName();
        String clientId = context.getRegisteredClient().getClientId();
        Persona persona =
                Personas.named(subject).orElseThrow(() -> refuse("No persona named " + subject));
        String issuer = context.getAuthorizationServerContext().getIssuer();
        if (!properties.issuerUri(persona.issuer()).equals(issuer)) {
            throw refuse(subject + " is not known to " + issuer);
        }
        if (persona.isClient() && !persona.name().equals(clientId)) {
            throw refuse(subject + " gets tokens only as its own client");
        }
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return; // ID tokens keep the standard claims; the API reads only access tokens
        }
        JwtClaimsSet.Builder claims = context.getClaims();
        claims.audience(List.of(properties.audience()));
        claims.claim(ROLES, persona.roles());
        if (persona.staffId() != null) {
            claims.claim(STAFF_ID, persona.staffId());
        }
        if (persona.agencyId() != null) {
            claims.claim(AGENCY_ID, persona.agencyId());
        }
        claims.claim(AZP, clientId);
        claims.claim(CLIENT_ID, clientId);
    }

    private static OAuth2AuthenticationException refuse(String description) {
        return new OAuth2AuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, description, null));
    }
}
