package uk.gov.hertfordshire.platform.security;

import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller, as the platform understands them.
 *
 * @param issuer the token's {@code iss}
 * @param subject the token's {@code sub}; a person or client is identified by issuer and subject
 *     together, never by subject alone
 * @param roles the roles granted, already limited to those the issuer may grant
 * @param staffId SAP personnel number, for staff; otherwise null
 * @param agencyId the partner agency, for partner clients; otherwise null
 * @param clientId the OAuth client the call came through ({@code azp} or {@code client_id}), or
 *     null
 */
public record Caller(
        String issuer,
        String subject,
        Set<Role> roles,
        String staffId,
        String agencyId,
        String clientId) {

    public Caller {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
    }

    /** A stable key for the caller: issuer and subject together. */
    public String id() {
        return issuer + "|" + subject;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... wanted) {
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
