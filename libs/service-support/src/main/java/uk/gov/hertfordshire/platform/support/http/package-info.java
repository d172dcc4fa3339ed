/**
 * HTTP conventions every service shares: a correlation id on every request and response, RFC 9457
 * problem details that say what is wrong without leaking internals, and {@code Idempotency-Key}
 * handling for create requests.
 */
package uk.gov.hertfordshire.platform.support.http;
