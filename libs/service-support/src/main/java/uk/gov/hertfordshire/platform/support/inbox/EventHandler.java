package uk.gov.hertfordshire.platform.support.inbox;

import uk.gov.hertfordshire.platform.events.ReceivedEvent;

/**
 * Applies one event; runs inside the inbox transaction, so its database work commits together with
 * the record that the event was handled. Throwing rolls both back and the event is retried.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(ReceivedEvent event);
}
