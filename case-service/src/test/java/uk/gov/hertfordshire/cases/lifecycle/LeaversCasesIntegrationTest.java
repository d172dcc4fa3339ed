package uk.gov.hertfordshire.cases.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.cases.CaseApi;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * A leaver's open cases go back to their team's queue when SAP HR's change reaches the officer
 * directory through Kafka: same team, no one assigned, one {@code case.assigned} event each.
 */
@PlatformIntegrationTest
class LeaversCasesIntegrationTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final TestIssuer.TokenBuilder ALICE = idp.citizen("alice");
    static final TestIssuer.TokenBuilder OFFICER = idp.staff("officer-dan", "OFFICER");
    static final String TEAM = "HWY-INSPECT";
    static final String ASSIGNED = "uk.gov.hertfordshire.case.assigned.v1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private CaseApi api;
    private KafkaTopicWriter kafka;

    @BeforeEach
    void connect() {
        api = new CaseApi(port);
        kafka = KafkaTopicWriter.toSharedBroker();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aLeaversOpenCasesGoBackToTheTeamQueueAndTheirClosedCasesAndOthersStayAsTheyWere()
            throws Exception {
        String leaver = "00066601";
        String colleague = "00066602";
        awaitHandled(hrSays(officer(leaver, true, 1)));
        awaitHandled(hrSays(officer(colleague, true, 1)));
        UUID assigned = assignedTo(leaver);
        UUID started = assignedTo(leaver);
        assertThat(act(started, "start").statusCode()).isEqualTo(200);
        UUID closed = assignedTo(leaver);
        act(closed, "resolve");
        assertThat(act(closed, "close").statusCode()).isEqualTo(200);
        UUID colleagues = assignedTo(colleague);

        awaitHandled(hrSays(officer(leaver, false, 2)));

        assertThat(row(assigned)).isEqualTo("assigned " + TEAM + " -");
        assertThat(row(started)).isEqualTo("assigned " + TEAM + " -");
        assertThat(row(closed)).isEqualTo("closed " + TEAM + " " + leaver);
        assertThat(row(colleagues)).isEqualTo("assigned " + TEAM + " " + colleague);
        for (UUID back : List.of(assigned, started)) {
            JsonNode last = awaitAssignedEvents(back, 2).get(1);
            assertThat(last.get("teamCode").asString()).isEqualTo(TEAM);
            assertThat(
                            last.path("assigneeStaffId").isNull()
                                    || last.path("assigneeStaffId").isMissingNode())
                    .as("no assignee in %s", last)
                    .isTrue();
        }
        assertThat(api.get("/api/cases?team=" + TEAM + "&size=100", OFFICER).body())
                .contains(assigned.toString(), started.toString());
        assertThat(assignedEvents(closed)).hasSize(1);
        assertThat(assignedEvents(colleagues)).hasSize(1);
    }

    @Test
    void anActiveOfficersChangeLeavesTheirCasesAssignedToThem() throws Exception {
        String officer = "00066611";
        awaitHandled(hrSays(officer(officer, true, 1)));
        UUID theirs = assignedTo(officer);

        // A newer change that keeps them an active officer of the same team (a new role too).
        awaitHandled(
                hrSays(
                        new StaffMemberChanged(
                                officer, TEAM, List.of("OFFICER", "AGENT"), true, at(2))));

        assertThat(row(theirs)).isEqualTo("assigned " + TEAM + " " + officer);
        assertThat(assignedEvents(theirs)).hasSize(1);
    }

    @Test
    void aLeavingChangeOlderThanTheOneHeldChangesNoCase() throws Exception {
        String officer = "00066621";
        awaitHandled(hrSays(officer(officer, true, 5)));
        UUID theirs = assignedTo(officer);

        awaitHandled(hrSays(officer(officer, false, 3)));

        assertThat(row(theirs)).isEqualTo("assigned " + TEAM + " " + officer);
        // The same leaving change dated after the one held does move it (positive control).
        awaitHandled(hrSays(officer(officer, false, 6)));
        assertThat(row(theirs)).isEqualTo("assigned " + TEAM + " -");
    }

    private UUID assignedTo(String staffId) {
        UUID id = api.submit(ALICE, "pothole", "web", 51.7531, -0.3371);
        assertThat(act(id, "triage").statusCode()).isEqualTo(200);
        var assigned =
                api.post(
                        "/api/cases/" + id + "/assign",
                        OFFICER,
                        "{\"teamCode\":\"" + TEAM + "\",\"assigneeStaffId\":\"" + staffId + "\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        return id;
    }

    private java.net.http.HttpResponse<String> act(UUID id, String action) {
        return api.post("/api/cases/" + id + "/" + action, OFFICER, null);
    }

    private String row(UUID id) {
        return jdbc.sql(
                        "SELECT status || ' ' || team_code || ' ' || coalesce(assignee_staff_id,"
                                + " '-') FROM service_case WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private List<JsonNode> awaitAssignedEvents(UUID id, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> assignedEvents(id), events -> events.size() >= count);
    }

    private static List<JsonNode> assignedEvents(UUID id) {
        return CaseApi.eventsFor(id.toString()).stream()
                .filter(
                        record ->
                                ASSIGNED.equals(
                                        new String(
                                                record.headers().lastHeader("ce_type").value(),
                                                java.nio.charset.StandardCharsets.UTF_8)))
                .map(record -> JSON.readTree(record.value()))
                .toList();
    }

    private static StaffMemberChanged officer(String staffId, boolean active, int hour) {
        return new StaffMemberChanged(staffId, TEAM, List.of("OFFICER"), active, at(hour));
    }

    private UUID hrSays(StaffMemberChanged change) {
        return kafka.publish(change);
    }

    /** Waits until case-service's inbox has handled the event (applied or ignored). */
    private void awaitHandled(UUID eventId) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                jdbc.sql("SELECT count(*) FROM platform.inbox WHERE event_id = :id")
                                                .param("id", eventId)
                                                .query(Long.class)
                                                .single()
                                        == 1);
    }

    private static Instant at(int hour) {
        return Instant.parse("2026-04-01T00:00:00Z").plus(Duration.ofHours(hour));
    }
}
