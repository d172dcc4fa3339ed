package uk.gov.hertfordshire.analytics.projection;

import java.util.List;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;

/**
 * Turns the events of one topic into rows of one generation. Declare it as a bean and both the live
 * path and the rebuild pick it up: that is all a new stream (content, care, SAP) needs.
 *
 * <p>{@link #apply} must be <em>order-independent</em>: the live path and a rebuild may apply a
 * case's events to a new generation in a different order from the log's. Counters add up; a fact
 * that can change keeps the newest value by the time it happened. Deduplication is done before
 * {@code apply} is called (by the inbox live, and by event id in a generation a rebuild writes).
 *
 * <p>{@link #apply} takes a whole batch (a poll of the live consumer, or of a rebuild): it folds
 * the events into one change per row in memory, by the same rules, and writes each table with one
 * statement, so the figures are those of applying the events one at a time in the batch's order.
 */
public interface Projector {

    /** The topic whose events this projector reads. */
    String topic();

    /** The tables it writes; each has a {@code generation} column, which retiring one deletes. */
    List<String> tables();

    /**
     * Applies events of its topic to one generation, inside the caller's transaction, with at most
     * one statement per table however many events there are.
     */
    void apply(int generation, List<ReceivedEvent> events);
}
