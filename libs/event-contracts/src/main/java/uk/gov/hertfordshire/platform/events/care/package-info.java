/**
 * Events published by care-service on {@code care.events}: pseudonymous ids, categories, codes and
 * timestamps only.
 */
package uk.gov.hertfordshire.platform.events.care;
