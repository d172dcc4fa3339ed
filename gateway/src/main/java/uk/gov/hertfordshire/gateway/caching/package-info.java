/**
 * Public answers kept in the gateway's memory on the routes that name the {@code
 * PublicResponseCache} filter (ADR 27, ADR 37).
 */
package uk.gov.hertfordshire.gateway.caching;
