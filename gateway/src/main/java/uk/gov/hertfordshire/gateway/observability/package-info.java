/**
 * Traceability: an {@code X-Request-Id} on every request and response, W3C trace context passed on
 * (Micrometer Tracing), and one JSON access-log line per request without tokens, keys or personal
 * data.
 */
package uk.gov.hertfordshire.gateway.observability;
