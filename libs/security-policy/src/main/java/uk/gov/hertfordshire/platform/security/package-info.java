/**
 * Who a validated token says the caller is, decided in one place for the gateway and every service:
 * the platform's roles, which issuer may grant which of them (a citizen-issuer token claiming ADMIN
 * grants nothing), and the staff and agency ids that come with staff and partner tokens. Signature,
 * expiry and audience are checked before this, by Spring Security.
 */
package uk.gov.hertfordshire.platform.security;
