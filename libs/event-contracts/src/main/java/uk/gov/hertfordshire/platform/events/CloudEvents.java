package uk.gov.hertfordshire.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Wraps domain events in CloudEvents 1.0 and carries them over Kafka in binary content mode: the
 * attributes travel as {@code ce_*} headers, the JSON payload as the record value, and the
 * aggregate id as the record key so each aggregate's events stay in order. Thread-safe.
 */
public final class CloudEvents {

    /**
     * The CloudEvents extension (and so the {@code ce_correlationid} header) for correlation ids.
     */
    public static final String CORRELATION_ID_EXTENSION = "correlationid";

    /** The content type of every event payload. */
    public static final String JSON = "application/json";

    private final EventSerializer serializer;
    private final BinaryModeReader binaryMode = new BinaryModeReader();

    public CloudEvents(EventSerializer serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    public CloudEvents() {
        this(new EventSerializer());
    }

    /**
     * The CloudEvent for a domain event, with every attribute the platform requires.
     *
     * @param id the event id, the consumers' deduplication key; keep it stable across re-sends
     * @param correlationId the request's correlation id, or null (or blank) to send none
     */
    public CloudEvent toCloudEvent(DomainEvent event, UUID id, String correlationId) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(id, "id");
        EventType<?> eventType = EventCatalog.of(event);
        CloudEventBuilder builder =
                CloudEventBuilder.v1()
                        .withId(id.toString())
                        .withSource(URI.create(eventType.source()))
                        .withType(eventType.type())
                        .withTime(event.occurredAt().atOffset(ZoneOffset.UTC))
                        .withSubject(event.aggregateId())
                        .withDataSchema(eventType.dataschema())
                        .withData(JSON, serializer.toJson(event));
        if (correlationId != null && !correlationId.isBlank()) {
            builder.withExtension(CORRELATION_ID_EXTENSION, correlationId);
        }
        return builder.build();
    }

    /**
     * A binary-mode Kafka record for the event's topic, keyed by its subject (the aggregate id).
     *
     * @throws IllegalArgumentException if the type is not in the catalog or the event has no
     *     subject
     */
    public ProducerRecord<String, byte[]> toProducerRecord(CloudEvent event) {
        Objects.requireNonNull(event, "event");
        String topic = EventCatalog.byType(event.getType()).topic();
        String key = event.getSubject();
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(
                    "CloudEvent " + event.getId() + " has no subject to use as the Kafka key");
        }
        return KafkaMessageFactory.createWriter(topic, key).writeBinary(event);
    }

    /**
     * The CloudEvent carried by a record in binary (or structured) content mode.
     *
     * @throws MalformedEventException if the record does not carry a valid CloudEvent
     */
    public CloudEvent fromConsumerRecord(ConsumerRecord<String, byte[]> record) {
        Objects.requireNonNull(record, "record");
        try {
            return KafkaMessageFactory.createReader(record).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            throw new MalformedEventException(
                    "Record "
                            + record.topic()
                            + "-"
                            + record.partition()
                            + "@"
                            + record.offset()
                            + " is not a CloudEvent: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * The consumer's view of a record. A well-formed binary-mode record (every event the platform
     * sends) is read from its headers in one pass; anything else goes through the CloudEvents SDK,
     * which reads it the same way or says what is wrong with it.
     *
     * @throws MalformedEventException if the record does not carry a valid CloudEvent
     */
    public ReceivedEvent receive(ConsumerRecord<String, byte[]> record) {
        Objects.requireNonNull(record, "record");
        ReceivedEvent read = binaryMode.read(record);
        return read != null ? read : ReceivedEvent.of(fromConsumerRecord(record));
    }
}
