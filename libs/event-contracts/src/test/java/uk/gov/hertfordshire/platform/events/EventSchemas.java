package uk.gov.hertfordshire.platform.events;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the event schemas the way a consumer would, by their dataschema URI, served from this
 * module's classpath. Formats (uuid, date-time) are asserted, not just annotated.
 */
final class EventSchemas {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(
                    SpecificationVersion.DRAFT_2020_12,
                    builder ->
                            builder.schemaRegistryConfig(
                                            SchemaRegistryConfig.builder()
                                                    .formatAssertionsEnabled(true)
                                                    .build())
                                    .schemaIdResolvers(
                                            resolvers ->
                                                    resolvers.mappings(
                                                            EventSchemas::classpathLocation)));

    private EventSchemas() {}

    static Schema schemaOf(EventType<?> type) {
        return REGISTRY.getSchema(SchemaLocation.of(type.dataschema().toString()));
    }

    static List<Error> validate(EventType<?> type, JsonNode payload) {
        return schemaOf(type).validate(payload);
    }

    /** The schema file as a tree, read straight from the classpath. */
    static JsonNode schemaDocument(EventType<?> type) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new AssertionError("No schema resource " + type.schemaResource());
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode payloadOf(DomainEvent event) {
        return JSON.readTree(new EventSerializer().toJson(event));
    }

    private static String classpathLocation(String id) {
        return EventCatalog.ALL.stream()
                .filter(type -> type.dataschema().toString().equals(id))
                .map(type -> "classpath:" + type.schemaResource().substring(1))
                .findFirst()
                .orElse(null);
    }
}
