package uk.gov.hertfordshire.platform.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes and reads event payloads as JSON, the same way everywhere: instants as RFC 3339 text,
 * channels as their wire values, absent optional fields left out, unknown fields ignored on read
 * (so a producer may add fields without breaking consumers). Thread-safe.
 */
public final class EventSerializer {

    private static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(MapperFeature.INFER_RECORD_GETTERS_FROM_COMPONENTS_ONLY)
                    .changeDefaultPropertyInclusion(
                            inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
                    .addModule(
                            new SimpleModule("event-contracts")
                                    .addSerializer(Channel.class, new ChannelSerializer())
                                    .addDeserializer(Channel.class, new ChannelDeserializer()))
                    .build();

    /**
     * A reader per payload class, built once: {@code readValue(bytes, Class)} looks the type and
     * its deserializer up again on every call.
     */
    private static final ClassValue<ObjectReader> READERS =
            new ClassValue<>() {
                @Override
                protected ObjectReader computeValue(Class<?> payloadClass) {
                    return MAPPER.readerFor(payloadClass);
                }
            };

    /** The event's payload as UTF-8 JSON. */
    public byte[] toJson(DomainEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JacksonException e) {
            throw new IllegalStateException(
                    "Cannot write " + event.getClass().getName() + " as JSON", e);
        }
    }

    /**
     * Reads a payload.
     *
     * @throws MalformedEventException if the bytes are not JSON, or miss or break a field the
     *     payload requires
     */
    public <T> T fromJson(byte[] json, Class<T> payloadClass) {
        Objects.requireNonNull(payloadClass, "payloadClass");
        if (json == null) {
            throw new MalformedEventException(
                    "No data to read " + payloadClass.getName() + " from");
        }
        try {
            return READERS.get(payloadClass).readValue(json);
        } catch (JacksonException e) {
            throw new MalformedEventException(
                    "Cannot read " + payloadClass.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static final class ChannelSerializer extends StdSerializer<Channel> {

        ChannelSerializer() {
            super(Channel.class);
        }

        @Override
        public void serialize(
                Channel value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(value.wireValue());
        }
    }

    private static final class ChannelDeserializer extends StdDeserializer<Channel> {

        ChannelDeserializer() {
            super(Channel.class);
        }

        @Override
        public Channel deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Channel) context.handleUnexpectedToken(Channel.class, parser);
            }
            String wireValue = parser.getString();
            try {
                return Channel.fromWire(wireValue);
            } catch (IllegalArgumentException unknown) {
                throw context.weirdStringException(wireValue, Channel.class, unknown.getMessage());
            }
        }
    }
}
