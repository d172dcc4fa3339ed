/**
 * The gateway: routes in {@code application.yml} (timeouts, retries for safe methods, a circuit
 * breaker per service), a correlation id on every request, and problem details for the errors the
 * gateway itself produces.
 */
package uk.gov.hertfordshire.gateway;
