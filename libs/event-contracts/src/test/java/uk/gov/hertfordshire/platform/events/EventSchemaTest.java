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

    @org.junit.jupiter.api.Test
    void aCaseReportedByAddressOrUprnAloneCarriesItsDistrictOrUprnWithoutCoordinates() {
        for (uk.gov.hertfordshire.platform.events.cases.CaseSubmitted.Location place :
                java.util.List.of(
                        new uk.gov.hertfordshire.platform.events.cases.CaseSubmitted.Location(
                                null, null, "SG14", null),
                        new uk.gov.hertfordshire.platform.events.cases.CaseSubmitted.Location(
                                null, null, null, "100080878341"))) {
            var event =
                    new uk.gov.hertfordshire.platform.events.cases.CaseSubmitted(
                            ExampleEvents.CASE_ID,
                            "street-light",
                            Channel.PHONE,
                            ExampleEvents.AT,
                            place,
                            null);

            assertThat(
                            EventSchemas.validate(
                                    uk.gov.hertfordshire.platform.events.cases.CaseSubmitted.TYPE,
                                    EventSchemas.payloadOf(event)))
                    .isEmpty();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                new uk.gov.hertfordshire.platform.events.cases.CaseSubmitted
                                        .Location(51.75, null, "AL1", null))
                .hasMessageContaining("both or neither");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                new uk.gov.hertfordshire.platform.events.cases.CaseSubmitted
                                        .Location(null, null, null, null))
                .hasMessageContaining("coordinates, a postcode district or a UPRN");
    }
}
