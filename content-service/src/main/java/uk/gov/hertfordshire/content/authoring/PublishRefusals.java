package uk.gov.hertfordshire.content.authoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.content.rendering.PublishGates;

/**
 * {@code content_publish_refused_revisions_total{gate}}: revisions a publisher asked to publish and
 * a publish gate or the four-eyes rule refused, once per gate that failed (docs/observability.md).
 * Every gate's counter exists from the start, at zero, so a dashboard shows the gates that never
 * refuse as well as those that do.
 */
@Component
class PublishRefusals {

    /** The four-eyes rule, counted beside the publish gates: an approval refused. */
    static final String FOUR_EYES = "four-eyes";

    private final Map<String, Counter> byGate = new LinkedHashMap<>();

    PublishRefusals(MeterRegistry meters) {
        for (String gate : PublishGates.GATES) {
            byGate.put(gate, counter(meters, gate));
        }
        byGate.put(FOUR_EYES, counter(meters, FOUR_EYES));
    }

    /** One refused revision, counted once under each gate that failed. */
    void refused(Collection<String> gates) {
        gates.stream().distinct().map(byGate::get).forEach(Counter::increment);
    }

    private static Counter counter(MeterRegistry meters, String gate) {
        return Counter.builder("content.publish.refused")
                .baseUnit("revisions")
                .description("Revisions a publish gate refused (accessibility, links, approval)")
                .tag("gate", gate)
                .register(meters);
    }
}
