/**
 * The transactional outbox: {@link uk.gov.hertfordshire.platform.support.outbox.Outbox#append}
 * writes an event in the caller's database transaction, and a relay publishes it to Kafka
 * afterwards, marking it sent only once the broker has acknowledged it.
 */
package uk.gov.hertfordshire.platform.support.outbox;
