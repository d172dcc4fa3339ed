package uk.gov.hertfordshire.platform.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a consumer needs from a received CloudEvent: the id to deduplicate on, the type to dispatch
 * on, the correlation id to log with and the JSON payload.
 *
 * @param id the CloudEvents id, the inbox key
 * @param type the wire type name
 * @param source the producing service, e.g. {@code /case-service}
 * @param subject the aggregate id, or null if the producer set none
 * @param time when the fact happened, or null if the producer set none
 * @param correlationId the {@code correlationid} extension, or null
 * @param data the JSON payload
 */
public record ReceivedEvent(
        UUID id,
        String type,
        String source,
        String subject,
        Instant time,
        String correlationId,
        byte[] data) {

    public ReceivedEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        data = data == null ? new byte[0] : data.clone();
    }

    /**
     * The consumer's view of a CloudEvent.
     *
     * @throws MalformedEventException if its id is not a UUID
     */
    public static ReceivedEvent of(CloudEvent event) {
        Objects.requireNonNull(event, "event");
        UUID id;
        try {
            id = UUID.fromString(event.getId());
        } catch (IllegalArgumentException notUuid) {
            throw new MalformedEventException(
                    "CloudEvent id '" + event.getId() + "' is not a UUID", notUuid);
        }
        Object correlationId = event.getExtension(CloudEvents.CORRELATION_ID_EXTENSION);
        CloudEventData data = event.getData();
        return new ReceivedEvent(
                id,
                event.getType(),
                event.getSource().toString(),
                event.getSubject(),
                event.getTime() == null ? null : event.getTime().toInstant(),
                correlationId == null ? null : correlationId.toString(),
                data == null ? null : data.toBytes());
    }

    /** The known event type of this event, or empty for one the catalog does not know. */
    public Optional<EventType<?>> eventType() {
        return EventCatalog.findByType(type);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedEvent that
                && id.equals(that.id)
                && type.equals(that.type)
                && source.equals(that.source)
                && Objects.equals(subject, that.subject)
                && Objects.equals(time, that.time)
                && Objects.equals(correlationId, that.correlationId)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, source, subject, time, correlationId)
                + 31 * Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ReceivedEvent[id="
                + id
                + ", type="
                + type
                + ", source="
                + source
                + ", subject="
                + subject
                + ", time="
                + time
                + ", correlationId="
                + correlationId
                + ", data="
                + data.length
                + " bytes]";
    }
}
