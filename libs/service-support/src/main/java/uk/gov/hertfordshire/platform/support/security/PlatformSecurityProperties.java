package uk.gov.hertfordshire.platform.support.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.security.TrustedIssuer;

/**
 * Which identity providers a service trusts, under {@code platform.security}. The library's
 * defaults ({@code ServiceDefaults}) are the local identity provider's three issuers; an
 * environment that sets {@code platform.security.issuers} replaces that list as a whole.
 *
 * @param issuers the issuers whose tokens are accepted, each with the roles it may grant
 * @param audience the {@code aud} a token must name to be accepted here
 * @param clockSkew how far {@code exp} and {@code nbf} may be off, for clocks that drift
 */
@ConfigurationProperties("platform.security")
public record PlatformSecurityProperties(
        List<Issuer> issuers,
        @DefaultValue("hertfordshire-platform") String audience,
        @DefaultValue("30s") Duration clockSkew) {

    public PlatformSecurityProperties {
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
    }

    /**
     * One trusted issuer.
     *
     * @param issuer the exact {@code iss}; its discovery document is read from {@code
     *     {issuer}/.well-known/openid-configuration} on first use
     * @param grantableRoles the roles its tokens may carry; any other role it claims is ignored
     */
    public record Issuer(String issuer, Set<Role> grantableRoles) {

        public Issuer {
            grantableRoles = grantableRoles == null ? Set.of() : Set.copyOf(grantableRoles);
        }
    }

    List<TrustedIssuer> trustedIssuers() {
        return issuers.stream()
                .map(issuer -> new TrustedIssuer(issuer.issuer(), issuer.grantableRoles()))
                .toList();
    }
}
