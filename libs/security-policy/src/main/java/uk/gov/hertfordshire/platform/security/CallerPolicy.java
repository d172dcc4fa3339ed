package uk.gov.hertfordshire.platform.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the claims of a token whose signature, expiry and audience were already checked into a
 * {@link Caller}: only trusted issuers count, each grants only its own roles, {@code staff_id}
 * counts only with a staff role and {@code agency_id} only with PARTNER.
 */
public final class CallerPolicy {

    private final Map<String, TrustedIssuer> issuers;

    public CallerPolicy(Collection<TrustedIssuer> trusted) {
        this.issuers =
                trusted.stream()
                        .collect(
                                Collectors.toUnmodifiableMap(
                                        TrustedIssuer::issuer, Function.identity()));
    }

    public Optional<TrustedIssuer> trusted(String issuer) {
        return Optional.ofNullable(issuer).map(issuers::get);
    }

    public Set<String> trustedIssuers() {
        return issuers.keySet();
    }

    /**
     * The caller the claims describe.
     *
     * @throws IllegalArgumentException if the issuer is not trusted or there is no subject
     */
    public Caller caller(Map<String, Object> claims) {
        String issuer = string(claims.get("iss"));
        TrustedIssuer trust =
                trusted(issuer)
                        .orElseThrow(() -> new IllegalArgumentException("issuer is not trusted"));
        String subject = string(claims.get("sub"));
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("token has no subject");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claims.get("roles") instanceof Collection<?> claimed) {
            for (Object value : claimed) {
                Role.fromClaim(value)
                        .filter(trust.grantableRoles()::contains)
                        .ifPresent(roles::add);
            }
        }
        boolean staff = roles.stream().anyMatch(Role::isStaff);
        String staffId = staff ? string(claims.get("staff_id")) : null;
        String agencyId = roles.contains(Role.PARTNER) ? string(claims.get("agency_id")) : null;
        if (roles.contains(Role.PARTNER) && (agencyId == null || agencyId.isBlank())) {
            // A partner token must say which agency it speaks for; without it, it grants nothing.
            roles.remove(Role.PARTNER);
        }
        String clientId = string(claims.getOrDefault("azp", claims.get("client_id")));
        return new Caller(issuer, subject, roles, staffId, agencyId, clientId);
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    /** Roles as Spring Security authority names ({@code ROLE_...}). */
    public static List<String> authorities(Caller caller) {
        return caller.roles().stream().map(role -> "ROLE_" + role.name()).sorted().toList();
    }
}
