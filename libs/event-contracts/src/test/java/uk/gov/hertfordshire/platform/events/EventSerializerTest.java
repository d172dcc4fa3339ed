package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.content.ContentPublished;

class EventSerializerTest {

    private final EventSerializer serializer = new EventSerializer();

    static Stream<Named<EventType<?>>> eventTypes() {
        return CatalogSource.eventTypes();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void readsBackWhatItWrites(EventType<?> type) {
        DomainEvent example = ExampleEvents.fullExample(type);

        assertThat(serializer.fromJson(serializer.toJson(example), type.payloadClass()))
                .isEqualTo(example);
    }

    @Test
    void writesChannelAsItsWireValueAndInstantsAsRfc3339Text() {
        JsonNode json = EventSchemas.payloadOf(ExampleEvents.caseSubmitted());

        assertThat(json.path("channel").asString()).isEqualTo("phone");
        assertThat(json.path("submittedAt").isString()).isTrue();
        assertThat(json.path("submittedAt").asString()).isEqualTo("2025-06-02T09:15:30.123Z");
    }

    @Test
    void writesOnlyTheRecordsFields() {
        JsonNode json = EventSchemas.payloadOf(ExampleEvents.caseSubmitted());

        assertThat(json.propertyNames())
                .containsExactlyInAnyOrder(
                        "caseId",
                        "serviceCode",
                        "channel",
                        "submittedAt",
                        "location",
                        "recordedByStaffId",
                        "dueAt");
    }

    @Test
    void leavesAbsentOptionalFieldsOut() {
        JsonNode json = EventSchemas.payloadOf(ExampleEvents.caseSubmittedOnline());

        assertThat(json.has("location")).isFalse();
        assertThat(json.has("recordedByStaffId")).isFalse();
        assertThat(json.has("dueAt")).isFalse();
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String json =
                """
                {"caseId": "%s", "serviceCode": "pothole", "channel": "open311",
                 "submittedAt": "2025-06-02T10:15:30.123+01:00", "priority": "high"}
                """
                        .formatted(ExampleEvents.CASE_ID);

        CaseSubmitted read = serializer.fromJson(utf8(json), CaseSubmitted.class);

        assertThat(read.channel()).isEqualTo(Channel.OPEN311);
        assertThat(read.submittedAt()).isEqualTo(ExampleEvents.AT);
    }

    @Test
    void rejectsAnUnknownChannelNamingTheAllowedOnes() {
        String json =
                """
                {"caseId": "%s", "serviceCode": "pothole", "channel": "fax",
                 "submittedAt": "2025-06-02T09:15:30Z"}
                """
                        .formatted(ExampleEvents.CASE_ID);

        assertThatThrownBy(() -> serializer.fromJson(utf8(json), CaseSubmitted.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("fax")
                .hasMessageContaining("face_to_face");
    }

    @Test
    void rejectsAPayloadMissingARequiredField() {
        String json =
                """
                {"serviceCode": "pothole", "channel": "web", "submittedAt": "2025-06-02T09:15:30Z"}
                """;

        assertThatThrownBy(() -> serializer.fromJson(utf8(json), CaseSubmitted.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("caseId");
    }

    @Test
    void rejectsAPayloadBreakingARecordRule() {
        String json =
                """
                {"contentId": "0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84", "revision": 2,
                 "channels": ["print"], "publishedAt": "2025-06-02T09:15:30Z"}
                """;

        assertThatThrownBy(() -> serializer.fromJson(utf8(json), ContentPublished.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("print");
    }

    @Test
    void rejectsBytesThatAreNotJson() {
        assertThatThrownBy(() -> serializer.fromJson(utf8("not json"), CaseSubmitted.class))
                .isInstanceOf(MalformedEventException.class);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
