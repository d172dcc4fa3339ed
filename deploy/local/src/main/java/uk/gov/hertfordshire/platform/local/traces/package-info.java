/**
 * A small OTLP/HTTP trace receiver: where a collector would sit, for the end-to-end tests that
 * follow one request's trace and for the tracing benchmark's export target (ADR 21).
 */
package uk.gov.hertfordshire.platform.local.traces;
