package uk.gov.hertfordshire.platform.support.inbox;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code GET /actuator/deadletters} lists each subscription's dead-letter topic and how many
 * records wait there; {@code POST /actuator/deadletters/{group}/{topic}} re-drives them. Operators
 * reach it on the service's own (loopback) port; the gateway does not route actuator endpoints.
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
                                        "pending", replay.pending(s)))
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
