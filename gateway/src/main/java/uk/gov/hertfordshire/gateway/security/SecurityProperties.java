package uk.gov.hertfordshire.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.gov.hertfordshire.platform.security.Role;

/**
 * {@code platform.security}: the issuers tokens are accepted from (the same settings every service
 * reads), the audience they must name, and the browser origins allowed to call.
 */
@ConfigurationProperties("platform.security")
record SecurityProperties(
        @DefaultValue("hertfordshire-platform") String audience,
        List<Issuer> issuers,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue Cors cors,
        @DefaultValue("false") boolean hsts) {

    SecurityProperties {
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
    }

    /** One trusted identity provider and the roles its tokens may grant. */
    record Issuer(String issuer, Set<Role> grantableRoles) {}

    /** Origins of the council's citizen apps that browsers may call from. */
    record Cors(List<String> allowedOrigins) {

        Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }
}
