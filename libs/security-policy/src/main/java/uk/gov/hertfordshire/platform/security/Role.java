package uk.gov.hertfordshire.platform.security;

import java.util.Optional;

/** The platform's roles, as they appear in a token's {@code roles} claim. */
public enum Role {
    CITIZEN,
    AGENT,
    OFFICER,
    EDITOR,
    PUBLISHER,
    PRACTITIONER,
    CARE_MANAGER,
    PARTNER,
    ANALYST,
    ADMIN;

    /** The role with exactly this name, or empty for anything else (ignored, never an error). */
    public static Optional<Role> fromClaim(Object value) {
        if (!(value instanceof String name)) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Roles of council staff, whose tokens carry a {@code staff_id}. */
    public boolean isStaff() {
        return this != CITIZEN && this != PARTNER;
    }
}
