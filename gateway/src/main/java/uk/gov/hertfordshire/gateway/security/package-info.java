/**
 * Authentication at the door: JWTs from the configured issuers only (signature from the issuer's
 * JWKS, RS256/ES256 only, issuer, audience, expiry, not-before), roles limited to those each issuer
 * may grant, anonymous access only where it belongs, CORS allow-list and security headers. The
 * caller's token is passed on unchanged; every service validates it again.
 */
package uk.gov.hertfordshire.gateway.security;
