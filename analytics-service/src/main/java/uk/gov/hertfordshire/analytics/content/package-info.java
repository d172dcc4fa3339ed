/**
 * The content stream: contacts avoided when a reader says a page answered their question (from
 * content-service's {@code feedback-received} on {@code content.events}).
 */
package uk.gov.hertfordshire.analytics.content;
