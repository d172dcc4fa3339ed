/** Meter helpers the services share, where Micrometer's own would mislead a scrape. */
package uk.gov.hertfordshire.platform.support.metrics;
