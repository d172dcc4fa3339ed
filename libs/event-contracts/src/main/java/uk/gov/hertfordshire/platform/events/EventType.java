package uk.gov.hertfordshire.platform.events;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The contract of one event type: its wire type name, the topic and source it is published on, the
 * payload record, and the JSON Schema that describes the payload.
 *
 * @param type reverse-DNS, past-tense, versioned, kebab-case name, e.g. {@code
 *     uk.gov.hertfordshire.case.submitted.v1}; never a class name
 * @param topic the Kafka topic, one of {@link Topics#ALL}
 * @param source the CloudEvents source, e.g. {@code /case-service}
 * @param payloadClass the record carried as the event data
 * @param dataschema absolute URI naming the schema and its version, the CloudEvents dataschema
 * @param schemaResource classpath path of the JSON Schema, e.g. {@code
 *     /schemas/case/submitted.v1.json}
 */
public record EventType<T extends DomainEvent>(
        String type,
        String topic,
        String source,
        Class<T> payloadClass,
        URI dataschema,
        String schemaResource) {

    /** Every type name starts with this. */
    public static final String TYPE_PREFIX = "uk.gov.hertfordshire.";

    /** Every dataschema starts with this. */
    public static final String SCHEMA_BASE_URI = "https://schemas.hertfordshire.gov.uk/events/";

    private static final Pattern TYPE_NAME =
            Pattern.compile(
                    Pattern.quote(TYPE_PREFIX)
                            + "([a-z][a-z0-9]*(-[a-z0-9]+)*\\.){2,}v[1-9][0-9]*");

    private static final Pattern SOURCE = Pattern.compile("/[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public EventType {
        requireTypeName(type);
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payloadClass, "payloadClass");
        Objects.requireNonNull(dataschema, "dataschema");
        Objects.requireNonNull(schemaResource, "schemaResource");
        if (!Topics.ALL.contains(topic)) {
            throw new IllegalArgumentException(
                    "topic '" + topic + "' is not one of " + String.join(", ", Topics.ALL));
        }
        if (!SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException(
                    "source '" + source + "' must be a service path such as /case-service");
        }
        if (!dataschema.isAbsolute()) {
            throw new IllegalArgumentException("dataschema '" + dataschema + "' must be absolute");
        }
        if (!schemaResource.startsWith("/") || !schemaResource.endsWith(".json")) {
            throw new IllegalArgumentException(
                    "schemaResource '" + schemaResource + "' must be an absolute .json classpath");
        }
    }

    /**
     * Defines an event type whose dataschema and schema resource follow from its name: {@code
     * uk.gov.hertfordshire.sap.hr.staff-member-changed.v1} has the dataschema {@code
     * https://schemas.hertfordshire.gov.uk/events/sap/hr/staff-member-changed/v1.json} and the
     * schema resource {@code /schemas/sap/hr/staff-member-changed.v1.json}.
     */
    public static <T extends DomainEvent> EventType<T> define(
            String type, String topic, String source, Class<T> payloadClass) {
        requireTypeName(type);
        String[] parts = type.substring(TYPE_PREFIX.length()).split("\\.");
        String version = parts[parts.length - 1];
        String name = parts[parts.length - 2];
        String path = String.join("/", Arrays.copyOf(parts, parts.length - 2));
        return new EventType<>(
                type,
                topic,
                source,
                payloadClass,
                URI.create(SCHEMA_BASE_URI + path + "/" + name + "/" + version + ".json"),
                "/schemas/" + path + "/" + name + "." + version + ".json");
    }

    private static void requireTypeName(String type) {
        Objects.requireNonNull(type, "type");
        if (!TYPE_NAME.matcher(type).matches()) {
            throw new IllegalArgumentException(
                    "event type '"
                            + type
                            + "' must be "
                            + TYPE_PREFIX
                            + "<context>.<past-tense-kebab-name>.v<N>");
        }
    }

    /** The payload as this type's record, checking that it is one. */
    public T cast(DomainEvent event) {
        return payloadClass.cast(event);
    }
}
