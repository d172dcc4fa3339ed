/**
 * HTTP conventions every service shares: a correlation id on every request and response, RFC 9457
 * problem details that say what is wrong without leaking internals, strict JSON request bodies (a
 * field the request does not declare is a 400 naming it), and {@code Idempotency-Key} handling for
 * create requests, scoped to the caller's issuer and subject.
 */
package uk.gov.hertfordshire.platform.support.http;
