package uk.gov.hertfordshire.platform.support.outbox;

import io.cloudevents.CloudEvent;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.support.http.CorrelationId;

/**
 * Writes the event, already in its CloudEvents binary form, as one row of {@code platform.outbox}.
 */
final class JdbcOutbox implements Outbox {

    private static final String TRACEPARENT = "traceparent";

    private final JdbcTemplate jdbc;
    private final OutboxRelay relay;
    private final Tracer tracer;
    private final Propagator propagator;
    private final JsonMapper json = JsonMapper.builder().build();
    private final CloudEvents cloudEvents = new CloudEvents();

    /**
     * Takes the relay, tracer and propagator themselves, each null where the service has none:
     * looked up from the bean factory on every event instead, they cost a case submission 3% of
     * case-service's CPU (docs/benchmarks/case-submission.md).
     */
    JdbcOutbox(JdbcTemplate jdbc, OutboxRelay relay, Tracer tracer, Propagator propagator) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public void append(DomainEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "Outbox.append must run inside the transaction that changes the state");
        }
        UUID eventId = UUID.randomUUID();
        CloudEvent cloudEvent =
                cloudEvents.toCloudEvent(event, eventId, MDC.get(CorrelationId.MDC_KEY));
        ProducerRecord<String, byte[]> record = cloudEvents.toProducerRecord(cloudEvent);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(),
                    new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
        }
        currentTraceparent(headers);
        jdbc.update(
                "INSERT INTO platform.outbox (event_id, topic, message_key, event_type, headers, payload)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?)",
                eventId,
                record.topic(),
                record.key(),
                cloudEvent.getType(),
                json.writeValueAsString(headers),
                record.value());
        TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        if (relay != null) {
                            relay.wakeUp();
                        }
                    }
                });
    }

    /**
     * Keeps the trace of the request that caused the event: the relay publishes later, on a thread
     * of its own, so the W3C trace context is captured now and travels in the row.
     */
    private void currentTraceparent(Map<String, String> headers) {
        if (tracer == null || propagator == null) {
            return;
        }
        var context = tracer.currentTraceContext().context();
        if (context != null) {
            propagator.inject(
                    context,
                    headers,
                    (carrier, key, value) -> {
                        if (TRACEPARENT.equals(key) || "tracestate".equals(key)) {
                            carrier.put(key, value);
                        }
                    });
        }
    }
}
