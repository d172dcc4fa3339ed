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
import uk.gov.hertfordshire.platform.events.care.AccessAuditCounted;
import uk.gov.hertfordshire.platform.events.care.ClockApproaching;
import uk.gov.hertfordshire.platform.events.care.ClockBreached;
import uk.gov.hertfordshire.platform.events.care.PackageCommissioned;
import uk.gov.hertfordshire.platform.events.care.ReferralDecided;
import uk.gov.hertfordshire.platform.events.care.ReferralReceived;
import uk.gov.hertfordshire.platform.events.cases.CaseAssigned;
import uk.gov.hertfordshire.platform.events.cases.CaseClosed;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.events.cases.CaseMarkedDuplicate;
import uk.gov.hertfordshire.platform.events.cases.CasePublicUpdateAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseReopened;
import uk.gov.hertfordshire.platform.events.cases.CaseResolved;
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.CaseSupporterAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetApproaching;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.events.cases.CaseTriaged;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;
import uk.gov.hertfordshire.platform.events.content.AlertEnded;
import uk.gov.hertfordshire.platform.events.content.AlertRaised;
import uk.gov.hertfordshire.platform.events.content.ContentArchived;
import uk.gov.hertfordshire.platform.events.content.ContentPublished;
import uk.gov.hertfordshire.platform.events.content.ContentUnpublished;
import uk.gov.hertfordshire.platform.events.content.ContributionModerated;
import uk.gov.hertfordshire.platform.events.content.ContributionSubmitted;
import uk.gov.hertfordshire.platform.events.content.FeedbackReceived;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRecorded;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRejected;
import uk.gov.hertfordshire.platform.events.sap.OrgUnitChanged;
import uk.gov.hertfordshire.platform.events.sap.ReconciliationMismatchFound;
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
                malformed(CaseSubmitted.TYPE, "location", "{}"),
                malformed(
                        CaseSubmitted.TYPE,
                        "location",
                        "{\"latitude\": 51.75, \"postcodeDistrict\": \"AL1\"}"),
                malformed(
                        CaseSubmitted.TYPE,
                        "location",
                        "{\"latitude\": null, \"longitude\": null, \"postcodeDistrict\": null}"),
                malformed(CaseSubmitted.TYPE, "recordedByStaffId", "\"jsmith\""),
                malformed(CaseSubmitted.TYPE, "dueAt", "\"2025-06-05\""),
                malformed(CaseSubmitted.TYPE, "dueAt", "1749114930"),
                malformed(CaseTriaged.TYPE, "caseId", "\"3F1C2B7E-8D4A-4E6B-9C1D-2A5F7E9B0C31\""),
                malformed(CaseTriaged.TYPE, "serviceCode", "\"-pothole\""),
                malformed(CaseTriaged.TYPE, "triagedAt", "\"2025-06-02T09:15Z\""),
                malformed(CaseAssigned.TYPE, "teamCode", "\"\""),
                malformed(CaseAssigned.TYPE, "teamCode", "\"HWY NORTH\""),
                malformed(CaseAssigned.TYPE, "assigneeStaffId", "\"1234567\""),
                malformed(CaseAssigned.TYPE, "assigneeStaffId", "\"jsmith\""),
                malformed(CaseAssigned.TYPE, "assignedAt", "\"tomorrow\""),
                malformed(CasePublicUpdateAdded.TYPE, "updateId", "\"update-1\""),
                malformed(
                        CasePublicUpdateAdded.TYPE,
                        "updateId",
                        "\"C4D2E6F8-3A5B-4C7D-9E1F-2A4B6C8D0E13\""),
                malformed(CasePublicUpdateAdded.TYPE, "status", "\"In progress\""),
                malformed(CasePublicUpdateAdded.TYPE, "status", "\"\""),
                malformed(CasePublicUpdateAdded.TYPE, "postedAt", "\"2025-06-02T09:15:30+0100\""),
                malformed(CaseResolved.TYPE, "submittedAt", "\"2025-06-02\""),
                malformed(CaseResolved.TYPE, "dueAt", "\"soon\""),
                malformed(CaseResolved.TYPE, "resolvedAt", "\"2025-06-31T09:15:30Z\""),
                malformed(CaseClosed.TYPE, "caseId", "\"\""),
                malformed(CaseClosed.TYPE, "serviceCode", "\"pot/hole\""),
                malformed(CaseClosed.TYPE, "closedAt", "\"2025-06-02T09:15:30\""),
                malformed(CaseReopened.TYPE, "fromStatus", "\"Resolved\""),
                malformed(CaseReopened.TYPE, "dueAt", "\"2025-06-05 09:15:30Z\""),
                malformed(CaseReopened.TYPE, "reopenedAt", "\"now\""),
                malformed(CaseMarkedDuplicate.TYPE, "duplicateOfCaseId", "\"CASE-2\""),
                malformed(CaseMarkedDuplicate.TYPE, "duplicateOfCaseId", "\"\""),
                malformed(CaseMarkedDuplicate.TYPE, "markedAt", "\"2025-06-02T09:15:30.Z\""),
                malformed(CaseTargetApproaching.TYPE, "dueAt", "\"2025-06-05\""),
                malformed(CaseTargetApproaching.TYPE, "detectedAt", "\"later\""),
                malformed(CaseTargetBreached.TYPE, "dueAt", "\"2025-06-05T24:15:30Z\""),
                malformed(CaseTargetBreached.TYPE, "detectedAt", "1749114990"),
                malformed(CaseFeePaid.TYPE, "amountPence", "0"),
                malformed(CaseFeePaid.TYPE, "amountPence", "-1000"),
                malformed(CaseFeePaid.TYPE, "amountPence", "10.5"),
                malformed(CaseFeePaid.TYPE, "currency", "\"gbp\""),
                malformed(CaseFeePaid.TYPE, "currency", "\"GB\""),
                malformed(CaseFeePaid.TYPE, "currency", "\"GBPS\""),
                malformed(CaseFeePaid.TYPE, "paymentProvider", "\"\""),
                malformed(CaseFeePaid.TYPE, "paymentProvider", "\"gov uk pay\""),
                malformed(CaseFeePaid.TYPE, "paymentReference", "\"\""),
                malformed(CaseFeePaid.TYPE, "paymentReference", "\"ref 1\""),
                malformed(CaseFeePaid.TYPE, "paymentReference", "\"4111-1111/1111\""),
                malformed(CaseFeePaid.TYPE, "paymentReference", "\"" + "a".repeat(65) + "\""),
                malformed(CaseFeePaid.TYPE, "paidAt", "\"2025-06-02T09:15:30+01\""),
                malformed(CaseSupporterAdded.TYPE, "channel", "\"fax\""),
                malformed(CaseSupporterAdded.TYPE, "channel", "\"OPEN311\""),
                malformed(CaseSupporterAdded.TYPE, "addedAt", "\"02/06/2025 09:15\""),
                malformed(ServiceDefinitionChanged.TYPE, "serviceCode", "\"blue badge\""),
                malformed(ServiceDefinitionChanged.TYPE, "name", "\"\""),
                malformed(ServiceDefinitionChanged.TYPE, "name", "\"   \""),
                malformed(ServiceDefinitionChanged.TYPE, "name", "\" Blue Badge\""),
                malformed(ServiceDefinitionChanged.TYPE, "name", "\"Blue\\nBadge\""),
                malformed(ServiceDefinitionChanged.TYPE, "name", "\"" + "n".repeat(201) + "\""),
                malformed(ServiceDefinitionChanged.TYPE, "group", "\"\""),
                malformed(ServiceDefinitionChanged.TYPE, "group", "\"" + "g".repeat(101) + "\""),
                malformed(ServiceDefinitionChanged.TYPE, "teamCode", "\"blue badge team\""),
                malformed(ServiceDefinitionChanged.TYPE, "feePence", "-1"),
                malformed(ServiceDefinitionChanged.TYPE, "feePence", "10.5"),
                malformed(ServiceDefinitionChanged.TYPE, "feePence", "2147483648"),
                malformed(ServiceDefinitionChanged.TYPE, "responseTarget", "0"),
                malformed(ServiceDefinitionChanged.TYPE, "responseTarget", "-3"),
                malformed(ServiceDefinitionChanged.TYPE, "responseTarget", "1.5"),
                malformed(ServiceDefinitionChanged.TYPE, "responseUnit", "\"hours\""),
                malformed(ServiceDefinitionChanged.TYPE, "responseUnit", "\"WORKING_DAYS\""),
                malformed(ServiceDefinitionChanged.TYPE, "withdrawn", "\"no\""),
                malformed(ServiceDefinitionChanged.TYPE, "withdrawn", "null"),
                malformed(ServiceDefinitionChanged.TYPE, "changedAt", "\"2025-06-02T09:15:30\""),
                malformed(CaseStatusChanged.TYPE, "fromStatus", "\"\""),
                malformed(CaseStatusChanged.TYPE, "toStatus", "\"In Progress\""),
                malformed(CaseStatusChanged.TYPE, "changedAt", "\"now\""),
                malformed(ContentPublished.TYPE, "contentId", "\"home-page\""),
                malformed(ContentPublished.TYPE, "revision", "0"),
                malformed(ContentPublished.TYPE, "revision", "1.5"),
                malformed(ContentPublished.TYPE, "channels", "[]"),
                malformed(ContentPublished.TYPE, "channels", "[\"print\"]"),
                malformed(ContentPublished.TYPE, "channels", "[\"web\", \"web\"]"),
                malformed(ContentUnpublished.TYPE, "contentId", "\"home-page\""),
                malformed(ContentUnpublished.TYPE, "revision", "0"),
                malformed(ContentUnpublished.TYPE, "unpublishedAt", "\"yesterday\""),
                malformed(ContentArchived.TYPE, "wasLive", "\"yes\""),
                malformed(ContentArchived.TYPE, "archivedAt", "\"2025-06-02\""),
                malformed(FeedbackReceived.TYPE, "feedbackId", "\"fb-1\""),
                malformed(FeedbackReceived.TYPE, "channel", "\"phone\""),
                malformed(FeedbackReceived.TYPE, "serviceCodes", "[\"pothole\", \"pothole\"]"),
                malformed(FeedbackReceived.TYPE, "serviceCodes", "[\"a b\"]"),
                malformed(FeedbackReceived.TYPE, "revision", "0"),
                malformed(ContributionSubmitted.TYPE, "contentId", "\"listing-1\""),
                malformed(ContributionSubmitted.TYPE, "submittedAt", "\"today\""),
                malformed(ContributionModerated.TYPE, "outcome", "\"approved\""),
                malformed(ContributionModerated.TYPE, "outcome", "\"PUBLISHED\""),
                malformed(ContributionModerated.TYPE, "moderatedAt", "1700000000"),
                malformed(AlertRaised.TYPE, "priority", "\"urgent\""),
                malformed(AlertRaised.TYPE, "channels", "[\"phone\"]"),
                malformed(AlertRaised.TYPE, "endsAt", "\"tomorrow\""),
                malformed(AlertRaised.TYPE, "revision", "0"),
                malformed(AlertEnded.TYPE, "endedAt", "\"never\""),
                malformed(ReferralReceived.TYPE, "referralId", "\"REF-001\""),
                malformed(ReferralReceived.TYPE, "agencyId", "\"\""),
                malformed(ReferralReceived.TYPE, "category", "\"elderly_care\""),
                malformed(ReferralReceived.TYPE, "receivedAt", "\"02/06/2025\""),
                malformed(ReferralDecided.TYPE, "outcome", "\"approved\""),
                malformed(ReferralDecided.TYPE, "category", "\"elderly_care\""),
                malformed(ReferralDecided.TYPE, "decidedAt", "\"02/06/2025\""),
                malformed(ClockApproaching.TYPE, "clock", "\"lunch\""),
                malformed(PackageCommissioned.TYPE, "weeklyCostPence", "0"),
                malformed(PackageCommissioned.TYPE, "currency", "\"EUR\""),
                malformed(PackageCommissioned.TYPE, "startDate", "\"04/01/2027\""),
                malformed(ClockBreached.TYPE, "dueAt", "\"tomorrow\""),
                malformed(AccessAuditCounted.TYPE, "periodStart", "\"09:00\""),
                malformed(
                        AccessAuditCounted.TYPE,
                        "counts",
                        "[{\"action\": \"referral.read\", \"purpose\": \"triage\","
                                + " \"accesses\": 0}]"),
                malformed(
                        AccessAuditCounted.TYPE,
                        "counts",
                        "[{\"action\": \"read by Mrs Smith\", \"purpose\": \"triage\","
                                + " \"accesses\": 1}]"),
                malformed(OrgUnitChanged.TYPE, "orgUnitCode", "\"\""),
                malformed(OrgUnitChanged.TYPE, "parentCode", "\"-DIR\""),
                malformed(OrgUnitChanged.TYPE, "costCentre", "\"cc 41\""),
                malformed(OrgUnitChanged.TYPE, "active", "\"no\""),
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
                malformed(FinancePostingRecorded.TYPE, "postedAt", "\"2025-06-02T09:15:30+1\""),
                malformed(FinancePostingRejected.TYPE, "companyCode", "\"HCC12\""),
                malformed(FinancePostingRejected.TYPE, "costCentre", "\"cc 41\""),
                malformed(FinancePostingRejected.TYPE, "amountPence", "0"),
                malformed(FinancePostingRejected.TYPE, "sapMessage", "\"\""),
                malformed(FinancePostingRejected.TYPE, "sapMessage", "\"two\\nlines\""),
                malformed(FinancePostingRejected.TYPE, "sapMessage", "\"" + "x".repeat(221) + "\""),
                malformed(ReconciliationMismatchFound.TYPE, "period", "\"2025-13\""),
                malformed(ReconciliationMismatchFound.TYPE, "period", "\"2025-5\""),
                malformed(ReconciliationMismatchFound.TYPE, "kind", "\"MISSING\""),
                malformed(ReconciliationMismatchFound.TYPE, "sapDocumentCount", "-1"),
                malformed(ReconciliationMismatchFound.TYPE, "sourceEventId", "\"evt-1\""));
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
