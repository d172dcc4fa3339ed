package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import uk.gov.hertfordshire.platform.events.care.ReferralReceived;
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.content.ContentPublished;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRecorded;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;

/**
 * Negative examples built from the valid ones, independently of what the schemas say: a schema that
 * lets any of them through is too permissive and fails the build.
 */
class EventSchemaRejectionTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadsWithARequiredFieldRemoved")
    void rejectsAPayloadMissingARequiredField(EventType<?> type, JsonNode payload) {
        assertThat(EventSchemas.validate(type, payload)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadsWithARequiredFieldNull")
    void rejectsARequiredFieldThatIsNull(EventType<?> type, JsonNode payload) {
        assertThat(EventSchemas.validate(type, payload)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadsWithAFieldOfTheWrongType")
    void rejectsAFieldOfTheWrongJsonType(EventType<?> type, JsonNode payload) {
        assertThat(EventSchemas.validate(type, payload)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadsWithAMalformedValue")
    void rejectsAMalformedValue(EventType<?> type, JsonNode payload) {
        assertThat(EventSchemas.validate(type, payload)).isNotEmpty();
    }

    static Stream<Arguments> payloadsWithARequiredFieldRemoved() {
        List<Arguments> cases = new ArrayList<>();
        for (EventType<?> type : EventCatalog.ALL) {
            for (String field : minimalPayload(type).propertyNames()) {
                ObjectNode payload = minimalPayload(type);
                payload.remove(field);
                cases.add(negative(type, "without " + field, payload));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> payloadsWithARequiredFieldNull() {
        List<Arguments> cases = new ArrayList<>();
        for (EventType<?> type : EventCatalog.ALL) {
            for (String field : minimalPayload(type).propertyNames()) {
                ObjectNode payload = minimalPayload(type);
                payload.putNull(field);
                cases.add(negative(type, field + " null", payload));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> payloadsWithAFieldOfTheWrongType() {
        List<Arguments> cases = new ArrayList<>();
        for (EventType<?> type : EventCatalog.ALL) {
            for (String field : fullPayload(type).propertyNames()) {
                ObjectNode payload = fullPayload(type);
                JsonNode wrong = wrongTypeFor(payload.get(field));
                payload.set(field, wrong);
                cases.add(negative(type, field + " = " + wrong, payload));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> payloadsWithAMalformedValue() {
        return Stream.of(
                malformed(CaseSubmitted.TYPE, "caseId", "\"12345\""),
                malformed(CaseSubmitted.TYPE, "caseId", "\"3f1c2b7e8d4a4e6b9c1d2a5f7e9b0c31\""),
                malformed(CaseSubmitted.TYPE, "caseId", "\"3f1c2b7e-8d4a-4e6b-9c1d-2a5f7e9b0c3z\""),
                malformed(CaseSubmitted.TYPE, "serviceCode", "\"\""),
                malformed(CaseSubmitted.TYPE, "serviceCode", "\"pot hole\""),
                malformed(CaseSubmitted.TYPE, "channel", "\"fax\""),
                malformed(CaseSubmitted.TYPE, "channel", "\"Web\""),
                malformed(CaseSubmitted.TYPE, "channel", "\"face-to-face\""),
                malformed(CaseSubmitted.TYPE, "submittedAt", "\"yesterday\""),
                malformed(CaseSubmitted.TYPE, "submittedAt", "\"2025-06-02\""),
                malformed(CaseSubmitted.TYPE, "submittedAt", "\"2025-06-02T09:15:30\""),
                malformed(CaseSubmitted.TYPE, "submittedAt", "\"2025-06-02 09:15:30Z\""),
                malformed(CaseSubmitted.TYPE, "submittedAt", "\"2025-13-02T09:15:30Z\""),
                malformed(CaseSubmitted.TYPE, "submittedAt", "1748855730"),
                malformed(CaseSubmitted.TYPE, "location.latitude", "91"),
                malformed(CaseSubmitted.TYPE, "location.longitude", "-181"),
                malformed(CaseSubmitted.TYPE, "location.latitude", "\"51.75\""),
                malformed(CaseSubmitted.TYPE, "location.postcodeDistrict", "\"AL1 3JE\""),
                malformed(CaseSubmitted.TYPE, "location.uprn", "\"UPRN-1\""),
                malformed(CaseSubmitted.TYPE, "location", "{\"postcodeDistrict\": \"AL1\"}"),
                malformed(CaseSubmitted.TYPE, "recordedByStaffId", "\"jsmith\""),
                malformed(CaseStatusChanged.TYPE, "fromStatus", "\"\""),
                malformed(CaseStatusChanged.TYPE, "toStatus", "\"In Progress\""),
                malformed(CaseStatusChanged.TYPE, "changedAt", "\"now\""),
                malformed(ContentPublished.TYPE, "contentId", "\"home-page\""),
                malformed(ContentPublished.TYPE, "revision", "0"),
                malformed(ContentPublished.TYPE, "revision", "1.5"),
                malformed(ContentPublished.TYPE, "channels", "[]"),
                malformed(ContentPublished.TYPE, "channels", "[\"print\"]"),
                malformed(ContentPublished.TYPE, "channels", "[\"web\", \"web\"]"),
                malformed(ReferralReceived.TYPE, "referralId", "\"REF-001\""),
                malformed(ReferralReceived.TYPE, "agencyId", "\"\""),
                malformed(ReferralReceived.TYPE, "category", "\"elderly_care\""),
                malformed(ReferralReceived.TYPE, "receivedAt", "\"02/06/2025\""),
                malformed(StaffMemberChanged.TYPE, "staffId", "\"12345\""),
                malformed(StaffMemberChanged.TYPE, "staffId", "\"E0012345\""),
                malformed(StaffMemberChanged.TYPE, "roleCodes", "[\"OFFICER\", \"OFFICER\"]"),
                malformed(StaffMemberChanged.TYPE, "roleCodes", "[\"\"]"),
                malformed(StaffMemberChanged.TYPE, "active", "\"yes\""),
                malformed(StaffMemberChanged.TYPE, "effectiveAt", "\"2025-06-02T25:00:00Z\""),
                malformed(FinancePostingRecorded.TYPE, "postingId", "\"not-a-uuid\""),
                malformed(FinancePostingRecorded.TYPE, "sourceEventId", "\"\""),
                malformed(FinancePostingRecorded.TYPE, "costCentre", "\"cc 41\""),
                malformed(FinancePostingRecorded.TYPE, "glAccount", "\"GL510200\""),
                malformed(FinancePostingRecorded.TYPE, "amountPence", "0"),
                malformed(FinancePostingRecorded.TYPE, "amountPence", "125.5"),
                malformed(FinancePostingRecorded.TYPE, "currency", "\"EUR\""),
                malformed(FinancePostingRecorded.TYPE, "postedAt", "\"2025-06-02T09:15:30+1\""));
    }

    private static Arguments malformed(EventType<?> type, String path, String badJson) {
        ObjectNode payload = fullPayload(type);
        String[] parts = path.split("\\.");
        ObjectNode parent = payload;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        parent.set(parts[parts.length - 1], EventSchemas.JSON.readTree(badJson));
        return negative(type, path + " = " + badJson, payload);
    }

    private static Arguments negative(EventType<?> type, String what, JsonNode payload) {
        return Arguments.of(Named.of(type.type() + " " + what, type), payload);
    }

    private static JsonNode wrongTypeFor(JsonNode value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.isString()) {
            return nodes.numberNode(42);
        }
        if (value.isNumber()) {
            return nodes.stringNode(value.asString());
        }
        if (value.isBoolean()) {
            return nodes.stringNode(value.asString());
        }
        if (value.isArray()) {
            return nodes.stringNode("web");
        }
        return nodes.arrayNode();
    }

    private static ObjectNode fullPayload(EventType<?> type) {
        return (ObjectNode) EventSchemas.payloadOf(ExampleEvents.fullExample(type));
    }

    private static ObjectNode minimalPayload(EventType<?> type) {
        return (ObjectNode) EventSchemas.payloadOf(ExampleEvents.minimalExample(type));
    }
}
