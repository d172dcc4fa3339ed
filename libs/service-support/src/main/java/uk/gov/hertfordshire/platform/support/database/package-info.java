/**
 * What "the database is unavailable" means for every service: one classification that the HTTP
 * answers (503 problem details) and the Kafka listeners (retry until it returns, never dead-letter
 * for it) share.
 */
package uk.gov.hertfordshire.platform.support.database;
