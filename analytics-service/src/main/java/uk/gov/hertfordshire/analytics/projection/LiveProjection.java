package uk.gov.hertfordshire.analytics.projection;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.support.inbox.EventHandler;

/**
 * The live path: an event the inbox hands over (once per consumer group) goes to every generation
 * that is serving or being built, once per generation.
 */
@Component
public class LiveProjection {

    private final Generations generations;
    private final Map<String, List<Projector>> byTopic;

    LiveProjection(Generations generations, List<Projector> projectors) {
        this.generations = generations;
        this.byTopic = projectors.stream().collect(Collectors.groupingBy(Projector::topic));
    }

    /** The inbox handler for one topic's subscription. */
    public EventHandler handlerFor(String topic) {
        List<Projector> projectors = byTopic.getOrDefault(topic, List.of());
        if (projectors.isEmpty()) {
            throw new IllegalArgumentException("No projector reads " + topic);
        }
        return event -> apply(projectors, event);
    }

    private void apply(List<Projector> projectors, ReceivedEvent event) {
        for (int generation : generations.writableForLiveEvent()) {
            if (generations.markApplied(generation, event.id())) {
                for (Projector projector : projectors) {
                    projector.apply(generation, event);
                }
            }
        }
    }
}
