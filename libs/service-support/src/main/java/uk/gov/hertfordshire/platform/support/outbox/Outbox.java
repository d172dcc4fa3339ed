package uk.gov.hertfordshire.platform.support.outbox;

import uk.gov.hertfordshire.platform.events.DomainEvent;

/**
 * Records domain events in the same database transaction as the state change they describe. Nothing
 * is sent to Kafka here: the relay publishes committed events afterwards, so an event exists
 * exactly when its state change does.
 */
public interface Outbox {

    /**
     * Adds the event to the outbox.
     *
     * @throws IllegalStateException when no transaction is active, because an event written outside
     *     the business transaction could survive a rolled-back change or be lost with a committed
     *     one
     */
    void append(DomainEvent event);
}
