/**
 * The dashboard page: static HTML, CSS and JavaScript served from the jar (no CDN), public because
 * it holds no data; it fetches the figures from the measures API with the analyst's own token.
 */
package uk.gov.hertfordshire.analytics.dashboard;
