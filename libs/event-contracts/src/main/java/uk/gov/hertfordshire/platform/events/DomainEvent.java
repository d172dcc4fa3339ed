package uk.gov.hertfordshire.platform.events;

import java.time.Instant;

/**
 * A fact that happened in one bounded context. Implementations are records carrying identifiers and
 * facts only, each registered in {@link EventCatalog} under a stable wire type name.
 */
public interface DomainEvent {

    /** The id of the aggregate the event is about: the Kafka key and the CloudEvents subject. */
    String aggregateId();

    /** When the fact happened: the CloudEvents time. */
    Instant occurredAt();
}
