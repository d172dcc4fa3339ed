package uk.gov.hertfordshire.platform.support.outbox;

import io.cloudevents.CloudEvent;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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
    private static final String OWN_PREFIX = "outbox_";

    /** A parameter of the outbox row's own, in any form Spring reads: :name, :{name}, &name. */
    private static final Pattern OWN_PARAMETER = Pattern.compile("[:&]\\{?" + OWN_PREFIX);

    /** One INSERT, UPDATE or DELETE: no second statement, no RETURNING. */
    private static final Pattern ONE_CHANGE =
            Pattern.compile("(?is)(INSERT|UPDATE|DELETE)\\s(?!.*;)(?!.*\\bRETURNING\\b).*");

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
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
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.relay = relay;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public void append(DomainEvent event) {
        Row row = row(event);
        jdbc.update(
                "INSERT INTO platform.outbox (event_id, topic, message_key, event_type, headers, payload)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?)",
                row.eventId(),
                row.topic(),
                row.key(),
                row.type(),
                row.headers(),
                row.payload());
        wakeRelayAfterCommit();
    }

    @Override
    public boolean appendWith(DomainEvent event, String change, Map<String, ?> parameters) {
        String statement = change.strip();
        if (!isOneChange(statement)) {
            throw new IllegalArgumentException(
                    "the change must be one INSERT, UPDATE or DELETE without RETURNING or a"
                            + " semicolon, its parentheses balanced (also inside its literals"
                            + " and comments)");
        }
        for (String name : parameters.keySet()) {
            if (name.startsWith(OWN_PREFIX)) {
                throw new IllegalArgumentException(
                        "parameter '" + name + "' clashes with the outbox row's own (outbox_*)");
            }
        }
        if (OWN_PARAMETER.matcher(statement).find()) {
            throw new IllegalArgumentException(
                    "the change names a parameter of the outbox row's own (:outbox_*)");
        }
        Row row = row(event);
        MapSqlParameterSource values = new MapSqlParameterSource(parameters);
        values.addValue("outbox_event_id", row.eventId())
                .addValue("outbox_topic", row.topic())
                .addValue("outbox_message_key", row.key())
                .addValue("outbox_event_type", row.type())
                .addValue("outbox_headers", row.headers())
                .addValue("outbox_payload", row.payload());
        // The change on lines of its own, so a comment at its end closes with its line; the event
        // only where the change touched a row.
        int added =
                named.update(
                        "WITH change AS (\n"
                                + statement
                                + "\nRETURNING 1\n) INSERT INTO platform.outbox (event_id, topic,"
                                + " message_key, event_type, headers, payload) SELECT"
                                + " :outbox_event_id, :outbox_topic, :outbox_message_key,"
                                + " :outbox_event_type, CAST(:outbox_headers AS jsonb),"
                                + " :outbox_payload WHERE EXISTS (SELECT 1 FROM change)",
                        values);
        if (added == 0) {
            return false;
        }
        wakeRelayAfterCommit();
        return true;
    }

    /**
     * One INSERT, UPDATE or DELETE, no second statement, no RETURNING, and its parentheses
     * balanced, so that it cannot close the {@code WITH} clause early and open another.
     */
    static boolean isOneChange(String statement) {
        if (!ONE_CHANGE.matcher(statement).matches()) {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** The outbox row's values, once the transaction is known to be there. */
    private Row row(DomainEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "the outbox must be written inside the transaction that changes the state");
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
        return new Row(
                eventId,
                record.topic(),
                record.key(),
                cloudEvent.getType(),
                json.writeValueAsString(headers),
                record.value());
    }

    private void wakeRelayAfterCommit() {
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

    private record Row(
            UUID eventId, String topic, String key, String type, String headers, byte[] payload) {}

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
