package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.sap.OrgUnitChanged;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;

class EventCatalogTest {

    static Stream<Named<EventType<?>>> eventTypes() {
        return CatalogSource.eventTypes();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void findsEveryTypeByItsWireNameAndByItsPayload(EventType<?> type) {
        assertThat(EventCatalog.byType(type.type())).isSameAs(type);
        assertThat(EventCatalog.byPayload(type.payloadClass())).isSameAs(type);
        assertThat(EventCatalog.of(ExampleEvents.fullExample(type))).isSameAs(type);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void wireNameIsNotTheClassName(EventType<?> type) {
        assertThat(type.type())
                .doesNotContain(type.payloadClass().getSimpleName())
                .doesNotContain(type.payloadClass().getPackageName());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void dataschemaAndSchemaResourceFollowTheTypeName(EventType<?> type) {
        String path =
                type.type()
                        .substring(EventType.TYPE_PREFIX.length(), type.type().lastIndexOf(".v"))
                        .replace('.', '/');
        String version = type.type().substring(type.type().lastIndexOf(".v") + 1);

        assertThat(type.dataschema())
                .isEqualTo(
                        URI.create(
                                "https://schemas.hertfordshire.gov.uk/events/"
                                        + path
                                        + "/"
                                        + version
                                        + ".json"));
        assertThat(type.schemaResource()).isEqualTo("/schemas/" + path + "." + version + ".json");
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void sourceIsTheServiceThatOwnsTheTopic(EventType<?> type) {
        String expected =
                switch (type.topic()) {
                    case Topics.CASES -> "/case-service";
                    case Topics.CONTENT -> "/content-service";
                    case Topics.CARE -> "/care-service";
                    case Topics.SAP_FINANCE, Topics.SAP_HR -> "/sap-adapter";
                    default -> throw new AssertionError("unexpected topic " + type.topic());
                };

        assertThat(type.source()).isEqualTo(expected);
    }

    @Test
    void everyTopicCarriesAtLeastOneEventType() {
        assertThat(Topics.ALL)
                .allSatisfy(topic -> assertThat(EventCatalog.onTopic(topic)).isNotEmpty());
    }

    @Test
    void listsTheTypesOnATopic() {
        assertThat(EventCatalog.onTopic(Topics.SAP_HR))
                .containsExactly(StaffMemberChanged.TYPE, OrgUnitChanged.TYPE);
    }

    @Test
    void casesTopicCarriesEveryCaseServiceEvent() {
        assertThat(EventCatalog.onTopic(Topics.CASES))
                .extracting(EventType::type)
                .containsExactlyInAnyOrder(
                        "uk.gov.hertfordshire.case.submitted.v1",
                        "uk.gov.hertfordshire.case.triaged.v1",
                        "uk.gov.hertfordshire.case.assigned.v1",
                        "uk.gov.hertfordshire.case.status-changed.v1",
                        "uk.gov.hertfordshire.case.public-update-added.v1",
                        "uk.gov.hertfordshire.case.resolved.v1",
                        "uk.gov.hertfordshire.case.closed.v1",
                        "uk.gov.hertfordshire.case.reopened.v1",
                        "uk.gov.hertfordshire.case.marked-duplicate.v1",
                        "uk.gov.hertfordshire.case.target-approaching.v1",
                        "uk.gov.hertfordshire.case.target-breached.v1",
                        "uk.gov.hertfordshire.case.fee-paid.v1",
                        "uk.gov.hertfordshire.case.supporter-added.v1",
                        "uk.gov.hertfordshire.case.service-definition-changed.v1");
    }

    @Test
    void unknownTypeNameIsEmptyOrAnError() {
        assertThat(EventCatalog.findByType("uk.gov.hertfordshire.case.escalated.v1")).isEmpty();
        assertThatThrownBy(() -> EventCatalog.byType("CaseSubmitted"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CaseSubmitted");
    }

    @Test
    void unregisteredPayloadIsAnError() {
        assertThatThrownBy(() -> EventCatalog.byPayload(Unregistered.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unregistered");
    }

    @Test
    void definesATypeFromItsName() {
        EventType<CaseSubmitted> type =
                EventType.define(
                        "uk.gov.hertfordshire.case.submitted.v2",
                        Topics.CASES,
                        "/case-service",
                        CaseSubmitted.class);

        assertThat(type.dataschema())
                .isEqualTo(
                        URI.create(
                                "https://schemas.hertfordshire.gov.uk/events/case/submitted/v2.json"));
        assertThat(type.schemaResource()).isEqualTo("/schemas/case/submitted.v2.json");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CaseSubmitted",
                "uk.gov.hertfordshire.case.submitted",
                "uk.gov.hertfordshire.submitted.v1",
                "uk.gov.hertfordshire.case.Submitted.v1",
                "uk.gov.hertfordshire.case.status_changed.v1",
                "uk.gov.hertfordshire.case..submitted.v1",
                "uk.gov.hertfordshire.case.submitted.v0",
                "org.example.case.submitted.v1"
            })
    void refusesATypeNameThatBreaksTheNamingRule(String name) {
        assertThatThrownBy(
                        () ->
                                EventType.define(
                                        name, Topics.CASES, "/case-service", CaseSubmitted.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATopicOutsideTopics() {
        assertThatThrownBy(
                        () ->
                                EventType.define(
                                        "uk.gov.hertfordshire.case.submitted.v1",
                                        "cases",
                                        "/case-service",
                                        CaseSubmitted.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cases.events");
    }

    private record Unregistered(String aggregateId, Instant occurredAt) implements DomainEvent {}
}
