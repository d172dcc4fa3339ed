package uk.gov.hertfordshire.platform.support.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One producer span per relayed event, the link between the request that wrote the event and the
 * consumers that handle it (ADR 21).
 *
 * <p>The outbox row carries the W3C trace context that was current when the event was written
 * ({@link JdbcOutbox}); the relay sends it later, on a thread of its own. The send span is started
 * as a child of that stored context, and the record leaves with the send span's own {@code
 * traceparent} instead, so each consumer's span is a child of the send. The span ends when the
 * broker acknowledges the record, so its length is the broker's latency as the relay saw it.
 *
 * <p>Whether the span is recorded and exported follows the stored context's sampling decision: with
 * sampling off the span is not recorded, but its ids still travel, so the consumer's log lines
 * carry the request's trace id.
 */
final class RelaySpans {

    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    /** Used where the service runs without a tracer: the stored headers travel unchanged. */
    static final RelaySpans NONE = new RelaySpans(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    RelaySpans(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Starts the send span of one record, parented by the trace context stored with its row, and
     * replaces the record's trace headers with the span's. Returns null without a tracer.
     */
    Span startSend(ProducerRecord<String, byte[]> record, Map<String, String> storedHeaders) {
        if (tracer == null || propagator == null) {
            return null;
        }
        Span.Builder builder =
                storedHeaders.containsKey(TRACEPARENT)
                        ? propagator.extract(storedHeaders, Map::get)
                        : tracer.spanBuilder().setNoParent();
        Span span =
                builder.name(record.topic() + " send")
                        .kind(Span.Kind.PRODUCER)
                        .tag("messaging.system", "kafka")
                        .tag("messaging.operation.type", "send")
                        .tag("messaging.destination.name", record.topic())
                        .start();
        if (!span.isNoop()) {
            // The aggregate id (never personal data): how an operator finds the trace of a case.
            tagIfPresent(span, "messaging.kafka.message.key", record.key());
            tagIfPresent(span, "messaging.message.id", storedHeaders.get("ce_id"));
            tagIfPresent(span, "cloudevents.event_type", storedHeaders.get("ce_type"));
        }
        Headers headers = record.headers();
        headers.remove(TRACEPARENT);
        headers.remove(TRACESTATE);
        propagator.inject(
                span.context(),
                headers,
                (carrier, key, value) -> {
                    if (TRACEPARENT.equals(key) || TRACESTATE.equals(key)) {
                        carrier.add(key, value.getBytes(StandardCharsets.UTF_8));
                    }
                });
        return span;
    }

    /** Ends a send span once the broker answered: acknowledged, or failed with the error. */
    static void end(Span span, Throwable error) {
        if (span == null) {
            return;
        }
        if (error != null) {
            span.error(error);
        }
        span.end();
    }

    private static void tagIfPresent(Span span, String key, String value) {
        if (value != null) {
            span.tag(key, value);
        }
    }
}
