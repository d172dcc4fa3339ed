package uk.gov.hertfordshire.platform.support.inbox;

import java.util.List;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;

/**
 * An {@link EventHandler} that takes each poll's new events at once, so it can write each of its
 * tables once per batch rather than once per event. It runs inside the inbox transaction that also
 * records every event id of the batch; throwing rolls the whole batch back, and the library then
 * handles the batch's records one by one ({@link #handle}, a transaction each), so a bad event is
 * retried and dead-lettered alone while the others count.
 */
@FunctionalInterface
public interface BatchEventHandler extends EventHandler {

    /**
     * Applies events new to the consumer group, each id once, in the order they were read.
     *
     * @param events at least one
     */
    void handleAll(List<ReceivedEvent> events);

    @Override
    default void handle(ReceivedEvent event) {
        handleAll(List.of(event));
    }

    /**
     * {@code handler} applied to each new event in turn, in the one inbox transaction of its poll:
     * for a handler with nothing to gain from seeing the events together, whose cost is mostly the
     * inbox's own transaction per event (most events on a topic are not its business).
     */
    static BatchEventHandler eachOf(EventHandler handler) {
        return events -> events.forEach(handler::handle);
    }
}
