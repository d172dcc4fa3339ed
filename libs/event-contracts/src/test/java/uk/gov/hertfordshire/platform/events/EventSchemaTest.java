package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventSchemaTest {

    static Stream<Named<EventType<?>>> eventTypes() {
        return CatalogSource.eventTypes();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyCatalogEntryHasAnExample(EventType<?> type) {
        assertThat(ExampleEvents.fullExampleOf(type))
                .as("ExampleEvents needs an example of %s", type.type())
                .isPresent()
                .get()
                .isInstanceOf(type.payloadClass());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaResourceExistsAndIsIdentifiedByTheDataschema(EventType<?> type) {
        JsonNode schema = EventSchemas.schemaDocument(type);

        assertThat(schema.path("$id").asString()).isEqualTo(type.dataschema().toString());
        assertThat(schema.path("$schema").asString())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("title").asString()).isEqualTo(type.type());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void fullExampleValidates(EventType<?> type) {
        JsonNode payload = EventSchemas.payloadOf(ExampleEvents.fullExample(type));

        assertThat(EventSchemas.validate(type, payload)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void minimalExampleValidates(EventType<?> type) {
        JsonNode payload = EventSchemas.payloadOf(ExampleEvents.minimalExample(type));

        assertThat(EventSchemas.validate(type, payload)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void unknownFieldsAreAllowedSoProducersCanAddFields(EventType<?> type) {
        ObjectNode payload = (ObjectNode) EventSchemas.payloadOf(ExampleEvents.fullExample(type));
        payload.put("addedInALaterRelease", "anything");

        assertThat(EventSchemas.validate(type, payload)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaRequiresExactlyTheFieldsEveryPayloadCarries(EventType<?> type) {
        JsonNode schema = EventSchemas.schemaDocument(type);
        Set<String> required = new TreeSet<>();
        schema.path("required").forEach(name -> required.add(name.asString()));

        assertThat(required)
                .isEqualTo(fieldNames(EventSchemas.payloadOf(ExampleEvents.minimalExample(type))));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaDeclaresExactlyTheFieldsThePayloadWrites(EventType<?> type) {
        JsonNode schema = EventSchemas.schemaDocument(type);

        assertThat(fieldNames(schema.path("properties")))
                .isEqualTo(fieldNames(EventSchemas.payloadOf(ExampleEvents.fullExample(type))));
    }

    private static Set<String> fieldNames(JsonNode object) {
        return new TreeSet<>(object.propertyNames());
    }
}
