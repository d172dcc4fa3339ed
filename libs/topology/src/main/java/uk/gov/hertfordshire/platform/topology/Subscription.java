package uk.gov.hertfordshire.platform.topology;

import uk.gov.hertfordshire.platform.events.Topics;

/**
 * One consumer group reading one topic, as a service's {@code EventSubscription} does.
 *
 * @param group the Kafka consumer group
 * @param topic the topic it reads
 */
public record Subscription(String group, String topic) {

    /** The dead-letter topic this subscription parks failures on, {@code <topic>.<group>.DLT}. */
    public String deadLetterTopic() {
        return Topics.deadLetter(topic, group);
    }
}
