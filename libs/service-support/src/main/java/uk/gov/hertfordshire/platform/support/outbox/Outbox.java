package uk.gov.hertfordshire.platform.support.outbox;

import java.util.Map;
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

    /**
     * Makes a one-row change and adds the event in one SQL statement: the change runs as a
     * data-modifying {@code WITH} clause of the outbox row's {@code INSERT}. One database round
     * trip where the change followed by {@link #append} takes two; for a hot path such as a case
     * submission (docs/adr/0052-a-case-and-its-event-in-one-statement.md). Same rule as {@link
     * #append}: inside the transaction.
     *
     * @param change one {@code INSERT}, {@code UPDATE} or {@code DELETE} with named parameters
     *     ({@code :name}) and no {@code RETURNING}. PostgreSQL runs it exactly once, but the rows
     *     it changes are not counted: use it where the statement itself fails when the change
     *     cannot be made (an {@code INSERT}), not where "no row matched" must be noticed
     * @param parameters the change's named parameters; none may start with {@code outbox_}, which
     *     the outbox row's own use
     * @throws IllegalStateException when no transaction is active
     * @throws IllegalArgumentException when the change is not one such statement or its parameters
     *     clash with the outbox row's
     */
    void appendWith(DomainEvent event, String change, Map<String, ?> parameters);
}
