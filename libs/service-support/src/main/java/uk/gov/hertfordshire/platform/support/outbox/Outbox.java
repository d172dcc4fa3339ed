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
     * Makes a change and adds the event in one SQL statement, if the change touched a row: the
     * change runs as a data-modifying {@code WITH} clause of the outbox row's {@code INSERT}. One
     * database round trip where the change followed by {@link #append} takes two; for a hot path
     * such as a case submission (docs/adr/0052-a-case-and-its-event-in-one-statement.md). Same rule
     * as {@link #append}: inside the transaction.
     *
     * @param change one {@code INSERT}, {@code UPDATE} or {@code DELETE} with named parameters
     *     ({@code :name}), without {@code RETURNING} (the outbox adds its own) and without a
     *     semicolon, its parentheses balanced (checked on the plain text, so inside literals and
     *     comments too). PostgreSQL runs it exactly once, in the same snapshot as the outbox row
     * @param parameters the change's named parameters; none may start with {@code outbox_}, which
     *     the outbox row's own use
     * @return whether the change touched a row; the event is added only then, so an {@code UPDATE}
     *     that matched nothing, or an {@code INSERT ... ON CONFLICT DO NOTHING} that conflicted,
     *     adds no event
     * @throws IllegalStateException when no transaction is active
     * @throws IllegalArgumentException when the change is not one such statement or its parameters
     *     clash with the outbox row's
     */
    boolean appendWith(DomainEvent event, String change, Map<String, ?> parameters);
}
