package uk.gov.hertfordshire.platform.support.inbox;

import java.util.Objects;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A consumer group's interest in one topic, and what to do with each event. Declare it as a bean;
 * the library creates the listener, the inbox and the dead-letter topic.
 */
public record EventSubscription(String consumerGroup, String topic, EventHandler handler) {

    public EventSubscription {
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(handler, "handler");
        if (consumerGroup.isBlank() || topic.isBlank()) {
            throw new IllegalArgumentException("consumer group and topic must not be blank");
        }
    }

    public static EventSubscription of(String consumerGroup, String topic, EventHandler handler) {
        return new EventSubscription(consumerGroup, topic, handler);
    }

    /** {@code <topic>.<consumer-group>.DLT}. */
    public String deadLetterTopic() {
        return Topics.deadLetter(topic, consumerGroup);
    }
}
