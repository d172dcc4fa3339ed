package uk.gov.hertfordshire.analytics.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.support.inbox.BatchEventHandler;

/**
 * The live path: the events of a poll the inbox hands over (each once per consumer group) go to
 * every generation that is serving or being built, once per generation, a batch at a time. The
 * inbox's row is what makes an event count once in the served generation; a generation being built
 * also records each event in {@code applied_event}, which the rebuild's reader checks too (ADR 39).
 * Counts what it applied, by event type, once committed ({@code analytics_events_total{type=...}}:
 * target breaches among them).
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
    public BatchEventHandler handlerFor(String topic) {
        List<Projector> projectors = byTopic.getOrDefault(topic, List.of());
        if (projectors.isEmpty()) {
            throw new IllegalArgumentException("No projector reads " + topic);
        }
        return events -> apply(projectors, events);
    }

    private void apply(List<Projector> projectors, List<ReceivedEvent> events) {
        Set<UUID> applied = new HashSet<>();
        for (Generations.Writable target : generations.writableForLiveEvent()) {
            // The inbox hands each event over once per consumer group, in the same transaction:
            // that is enough for a generation only the live path writes. A generation being built
            // is written by the rebuild's reader too, so there each event is also recorded by id
            // (ADR 39).
            List<ReceivedEvent> fresh =
                    target.building()
                            ? generations.markApplied(target.generation(), events)
                            : events;
            if (!fresh.isEmpty()) {
                for (Projector projector : projectors) {
                    projector.apply(target.generation(), fresh);
                }
                fresh.forEach(event -> applied.add(event.id()));
            }
        }
        if (applied.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Map<String, Integer> byType = new LinkedHashMap<>();
        for (ReceivedEvent event : events) {
            if (applied.remove(event.id())) {
                byType.merge(event.type(), 1, Integer::sum);
            }
        }
        TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        byType.forEach(
                                (type, n) ->
                                        Counter.builder("analytics.events")
                                                .description(
                                                        "Events applied to the figures served, by"
                                                                + " type")
                                                .tag("type", type)
                                                .register(meters)
                                                .increment(n));
                    }
                });
    }
}
