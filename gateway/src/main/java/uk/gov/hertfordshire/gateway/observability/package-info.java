/**
 * Traceability: an {@code X-Request-Id} on every request and response; traces start here (a
 * caller's own W3C trace context is dropped, the gateway's is passed on to the service, Micrometer
 * Tracing over OpenTelemetry, ADR 21); and one JSON access-log line per request, with its trace and
 * span ids, without tokens, keys or personal data. The request timer carries the route each request
 * took, for the SLOs measured at the gateway (ADR 45).
 */
package uk.gov.hertfordshire.gateway.observability;
