/**
 * The platform's event contracts: topics, channels, the event catalog, the JSON and CloudEvents
 * encodings, and one sub-package of event records per producing context. Framework-free: no Spring.
 */
package uk.gov.hertfordshire.platform.events;
