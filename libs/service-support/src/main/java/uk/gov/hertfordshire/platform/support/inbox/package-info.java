/**
 * Consuming events exactly once in effect: a service declares an {@link
 * uk.gov.hertfordshire.platform.support.inbox.EventSubscription} (consumer group, topic, handler)
 * and the library runs the Kafka listener, records each event id in the inbox in the same
 * transaction as the handler's work, retries a failing event a bounded number of times, then moves
 * it to the group's own dead-letter topic and goes on. Dead letters are re-driven to the same
 * handler by the {@code deadletters} actuator endpoint once the cause is fixed.
 */
package uk.gov.hertfordshire.platform.support.inbox;
