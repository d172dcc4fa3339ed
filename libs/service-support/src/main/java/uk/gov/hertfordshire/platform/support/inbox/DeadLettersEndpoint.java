package uk.gov.hertfordshire.platform.support.inbox;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code GET /actuator/deadletters} lists each subscription's dead-letter topic, how many records
 * wait there, and the records parked because they failed again (table {@code
 * platform.parked_dead_letter}: where each came from, why it failed, how often it was tried);
 * {@code POST /actuator/deadletters/{group}/{topic}} re-drives the parked ones and then the waiting
 * ones, parking any that fail again and going on. Operators reach it on the service's own
 * (loopback) port; the gateway does not route actuator endpoints.
 */
@Endpoint(id = "deadletters")
final class DeadLettersEndpoint {

    private final DeadLetterReplay replay;

    DeadLettersEndpoint(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @ReadOperation
    List<Map<String, Object>> list() {
        return replay.subscriptions().stream()
                .map(
                        s ->
                                Map.<String, Object>of(
                                        "consumerGroup", s.consumerGroup(),
                                        "topic", s.topic(),
                                        "deadLetterTopic", s.deadLetterTopic(),
                                        "pending", replay.pending(s),
                                        "parked", replay.parkedCount(s),
                                        "parkedRecords", replay.parked(s)))
                .toList();
    }

    @WriteOperation
    DeadLetterReplay.Result replay(@Selector String group, @Selector String topic) {
        EventSubscription subscription =
                replay.find(group, topic)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "No subscription of group "
                                                        + group
                                                        + " to topic "
                                                        + topic));
        return replay.replay(subscription);
    }
}
