package uk.gov.hertfordshire.identity;

import java.util.List;
import java.util.Objects;

/**
 * A demo identity: a person who signs in, or a client that gets tokens with the client-credentials
 * grant (a partner agency, or the local load-test client).
 *
 * @param name the {@code sub} of its tokens (and, for a partner, its client id)
 * @param issuer the only issuer that vouches for it
 * @param roles the {@code roles} claim
 * @param staffId SAP personnel number (eight digits) for staff; otherwise null
 * @param agencyId the partner agency for partner clients; otherwise null
 * @param clientSecret a client's secret (a published local demo value); null for people
 */
record Persona(
        String name,
        Issuer issuer,
        List<String> roles,
        String staffId,
        String agencyId,
        String clientSecret) {

    Persona {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        roles = List.copyOf(roles);
        if (staffId != null && !staffId.matches("\\d{8}")) {
            throw new IllegalArgumentException("staff_id must be 8 digits: " + staffId);
        }
        if ((issuer == Issuer.PARTNERS) != (agencyId != null)) {
            throw new IllegalArgumentException(
                    name + ": partner clients, and only they, have an agency");
        }
        if (issuer == Issuer.PARTNERS && clientSecret == null) {
            throw new IllegalArgumentException(name + ": a partner is a client, with a secret");
        }
        if (issuer == Issuer.CITIZENS && clientSecret != null) {
            throw new IllegalArgumentException(name + ": citizens sign in; they are not clients");
        }
    }

    /** A client, which gets tokens with the client-credentials grant. */
    boolean isClient() {
        return clientSecret != null;
    }
}
