package uk.gov.hertfordshire.platform.security;

import java.util.Objects;
import java.util.Set;

/**
 * An identity provider the platform accepts tokens from, and the only roles its tokens may grant.
 *
 * @param issuer the exact {@code iss} value, e.g. the council's Entra ID tenant URL
 * @param grantableRoles roles a token from this issuer may carry; any other is dropped
 */
public record TrustedIssuer(String issuer, Set<Role> grantableRoles) {

    public TrustedIssuer {
        Objects.requireNonNull(issuer, "issuer");
        if (issuer.isBlank()) {
            throw new IllegalArgumentException("issuer must not be blank");
        }
        grantableRoles = Set.copyOf(grantableRoles);
    }
}
