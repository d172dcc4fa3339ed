/**
 * Every servlet service checks the caller's bearer token itself (defence in depth: the gateway is
 * not the only door) and authorises on roles and ownership, configured here once.
 *
 * <ul>
 *   <li>Tokens: JWTs from the issuers under {@code platform.security.issuers} (each with the roles
 *       it may grant), one decoder per issuer through Spring Security's {@code
 *       JwtIssuerAuthenticationManagerResolver}, keys from the issuer's discovery document fetched
 *       on the first token (a service starts before its identity provider). RS256 or ES256 only;
 *       issuer, audience ({@code platform.security.audience}), expiry (required) and not-before
 *       checked with {@code platform.security.clock-skew} (30 s) of leeway.
 *   <li>The caller: a controller method takes a {@link
 *       uk.gov.hertfordshire.platform.security.Caller} parameter (issuer, subject, roles limited to
 *       what the issuer may grant, staff and agency ids). {@code Caller.id()} (issuer and subject)
 *       is the caller's key everywhere, the Idempotency-Key scope included; authorities are {@code
 *       ROLE_<role>}.
 *   <li>Rules: health, info and Prometheus are open; other actuator endpoints (dead-letter replay)
 *       need ADMIN; everything else needs a valid token, except paths a service declares public
 *       with a {@link PublicEndpoints} bean. A service states who may call what with
 *       {@code @PreAuthorize("hasRole('ANALYST') or hasRole('ADMIN')")} on its controllers — the
 *       one way, so the rule sits beside the endpoint — and decides ownership in its own code
 *       (answering 404, not 403, for a record the caller may not see). {@link AgencyScope} is the
 *       shared partner rule.
 *   <li>Answers: 401 (with {@code WWW-Authenticate: Bearer}), 403, and 503 when an issuer cannot be
 *       reached, all as {@code application/problem+json} that say nothing of which check failed.
 * </ul>
 */
package uk.gov.hertfordshire.platform.support.security;
