/**
 * The measures the performance and improvement team reads: channel shift, cost-to-serve, demand,
 * backlog, timeliness and the GOV.UK service standard's four measures, as JSON and CSV, for ANALYST
 * and ADMIN; and live gauges for Prometheus.
 */
package uk.gov.hertfordshire.analytics.measures;
