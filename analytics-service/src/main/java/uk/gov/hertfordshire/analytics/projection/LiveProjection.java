package uk.gov.hertfordshire.analytics.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.support.inbox.EventHandler;

/**
 * The live path: an event the inbox hands over (once per consumer group) goes to every generation
 * that is serving or being built, once per generation. Counts what it applied, by event type, once
 * committed ({@code analytics_events_total{type=...}}: target breaches among them).
 */
@Component
public class LiveProjection {

    private final Generations generations;
    private final MeterRegistry meters;
    private final Map<String, List<Projector>> byTopic;

    LiveProjection(Generations generations, List<Projector> projectors, MeterRegistry meters) {
        this.generations = generations;
        this.meters = meters;
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
        boolean applied = false;
        for (int generation : generations.writableForLiveEvent()) {
            if (generations.markApplied(generation, event.id())) {
                for (Projector projector : projectors) {
                    projector.apply(generation, event);
                }
                applied = true;
            }
        }
        if (applied && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            Counter.builder("analytics.events")
                                    .description("Events applied to the figures served, by type")
                                    .tag("type", event.type())
                                    .register(meters)
                                    .increment();
                        }
                    });
        }
    }
}
