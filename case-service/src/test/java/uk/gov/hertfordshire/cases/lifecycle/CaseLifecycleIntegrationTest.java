package uk.gov.hertfordshire.cases.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
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
import uk.gov.hertfordshire.cases.CaseApi;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

@PlatformIntegrationTest
class CaseLifecycleIntegrationTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final TestIssuer.TokenBuilder ALICE = idp.citizen("alice");
    static final TestIssuer.TokenBuilder BOB = idp.citizen("bob");
    static final TestIssuer.TokenBuilder AGENT = idp.staff("agent-carol", "AGENT");
    static final TestIssuer.TokenBuilder OFFICER = idp.staff("officer-dan", "OFFICER");

    /** An officer SAP HR puts in the highways inspection team during the test. */
    static final String INSPECTOR = "00010002";

    static final String EVENT = "uk.gov.hertfordshire.case.";

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
    void aCaseGoesThroughItsWholeLifeWithOneEventPerChange() throws Exception {
        hrSays(new StaffMemberChanged(INSPECTOR, "HWY-INSPECT", List.of("OFFICER"), true, at(1)));
        awaitOfficer(INSPECTOR);
        UUID id = api.submit(ALICE, "pothole", "web", 51.7520, -0.3360);

        assertThat(act(id, "triage", null).statusCode()).isEqualTo(200);
        assertThat(
                        act(
                                        id,
                                        "assign",
                                        "{\"teamCode\":\"HWY-INSPECT\",\"assigneeStaffId\":\""
                                                + INSPECTOR
                                                + "\"}")
                                .statusCode())
                .isEqualTo(200);
        assertThat(act(id, "start", null).statusCode()).isEqualTo(200);
        HttpResponse<String> resolved =
                act(
                        id,
                        "resolve",
                        "{\"publicNote\":\"Filled on Tuesday.\",\"internalNote\":\"Used 2 bags"
                                + " of cold lay.\"}");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(CaseApi.json(resolved).get("status").asString()).isEqualTo("resolved");
        assertThat(act(id, "close", null).statusCode()).isEqualTo(200);
        assertThat(act(id, "reopen", "{\"publicNote\":\"It has opened up again.\"}").statusCode())
                .isEqualTo(200);

        List<String> expected =
                List.of(
                        EVENT + "submitted.v1",
                        EVENT + "triaged.v1",
                        EVENT + "assigned.v1",
                        EVENT + "status-changed.v1",
                        EVENT + "resolved.v1",
                        EVENT + "closed.v1",
                        EVENT + "reopened.v1");
        assertThat(
                        await().atMost(Duration.ofSeconds(30))
                                .until(
                                        () -> CaseApi.eventTypesFor(id),
                                        types -> types.size() >= expected.size()))
                .containsExactlyElementsOf(expected);
        assertThat(
                        jdbc.sql(
                                        "SELECT status || ' ' || team_code || ' ' ||"
                                                + " assignee_staff_id FROM service_case WHERE id ="
                                                + " :id")
                                .param("id", id)
                                .query(String.class)
                                .single())
                .isEqualTo("reopened HWY-INSPECT " + INSPECTOR);
    }

    @Test
    void anActionTheStatusDoesNotAllowIs409AndChangesNothingBesideOneItAllows() {
        UUID id = api.submit(ALICE, "pothole", "web", 51.7521, -0.3361);

        HttpResponse<String> refused = act(id, "close", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(CaseApi.json(refused).get("detail").asString())
                .isEqualTo(
                        "Cannot close a case that is submitted; close is allowed only from"
                                + " resolved.");
        assertThat(statusOf(id)).isEqualTo("submitted");
        assertThat(updatesStored(id)).isZero();

        assertThat(act(id, "triage", null).statusCode()).isEqualTo(200);
        assertThat(statusOf(id)).isEqualTo("triaged");
        assertThat(act(id, "triage", null).statusCode()).isEqualTo(409);
    }

    @Test
    void onlyOfficersAndAdminsActOnCases() {
        UUID id = api.submit(ALICE, "pothole", "web", 51.7522, -0.3362);

        assertThat(api.post("/api/cases/" + id + "/triage", ALICE, null).statusCode())
                .isEqualTo(403);
        assertThat(api.post("/api/cases/" + id + "/triage", AGENT, null).statusCode())
                .isEqualTo(403);
        assertThat(statusOf(id)).isEqualTo("submitted");
        assertThat(
                        api.post("/api/cases/" + id + "/triage", idp.staff("judy", "ADMIN"), null)
                                .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anUnknownCaseIs404() {
        assertThat(act(UUID.randomUUID(), "triage", null).statusCode()).isEqualTo(404);
    }

    @Test
    void assigningNeedsAnActiveOfficerOfThatTeamFromSapHr() throws Exception {
        String leaver = "00077701";
        String otherTeam = "00077702";
        String inspector = "00077703";
        hrSays(new StaffMemberChanged(leaver, "HWY-INSPECT", List.of("OFFICER"), true, at(1)));
        hrSays(new StaffMemberChanged(leaver, "HWY-INSPECT", List.of("OFFICER"), false, at(2)));
        hrSays(new StaffMemberChanged(otherTeam, "LIBRARIES", List.of("OFFICER"), true, at(1)));
        hrSays(new StaffMemberChanged(inspector, "HWY-INSPECT", List.of("OFFICER"), true, at(1)));
        awaitOfficer(inspector);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                jdbc.sql(
                                                        "SELECT count(*) FROM staff_member WHERE staff_id IN"
                                                                + " ('00077701', '00077702') AND (NOT active OR team_code ="
                                                                + " 'LIBRARIES')")
                                                .query(Long.class)
                                                .single()
                                        == 2);
        UUID id = api.submit(ALICE, "pothole", "web", 51.7523, -0.3363);
        act(id, "triage", null);

        for (String refused : List.of(leaver, otherTeam, "00099999")) {
            HttpResponse<String> response = assign(id, "HWY-INSPECT", refused);
            assertThat(response.statusCode()).as(refused).isEqualTo(400);
            assertThat(response.body())
                    .contains(refused + "' is not an active officer in team HWY-INSPECT");
        }
        assertThat(assign(id, "HWY-INSPECT", inspector).statusCode()).isEqualTo(200);
    }

    @Test
    void anOlderStaffChangeArrivingLateDoesNotUndoANewerOne() throws Exception {
        String officer = "00088801";
        hrSays(new StaffMemberChanged(officer, "ROW", List.of("OFFICER"), false, at(5)));
        UUID late = hrSays(new StaffMemberChanged(officer, "ROW", List.of("OFFICER"), true, at(1)));
        awaitHandled(late);

        assertThat(
                        jdbc.sql("SELECT active FROM staff_member WHERE staff_id = :id")
                                .param("id", officer)
                                .query(Boolean.class)
                                .single())
                .isFalse();

        UUID newer =
                hrSays(new StaffMemberChanged(officer, "ROW", List.of("OFFICER"), true, at(6)));
        awaitHandled(newer);
        assertThat(
                        jdbc.sql("SELECT active FROM staff_member WHERE staff_id = :id")
                                .param("id", officer)
                                .query(Boolean.class)
                                .single())
                .isTrue();
    }

    @Test
    void assigningWithoutATeamUsesTheServicesResponsibleTeam() {
        UUID id = api.submit(ALICE, "street-light", "web", 51.7524, -0.3364);
        act(id, "triage", null);

        assertThat(act(id, "assign", null).statusCode()).isEqualTo(200);
        assertThat(
                        jdbc.sql("SELECT team_code FROM service_case WHERE id = :id")
                                .param("id", id)
                                .query(String.class)
                                .single())
                .isEqualTo("HWY-LIGHTING");
        assertThat(assign(id, "NO-SUCH-TEAM", null).statusCode()).isEqualTo(400);
    }

    @Test
    void aFieldThatDoesNotBelongToTheActionIsNamedBesideTheSameActionWithoutIt() {
        UUID id = api.submit(ALICE, "pothole", "web", 51.7525, -0.3365);

        HttpResponse<String> refused = act(id, "triage", "{\"teamCode\":\"HWY-INSPECT\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("teamCode is only for assign");
        HttpResponse<String> reject = act(id, "reject", "{}");
        assertThat(reject.statusCode()).isEqualTo(400);
        assertThat(reject.body()).contains("publicNote is required to reject");
        assertThat(statusOf(id)).isEqualTo("submitted");

        assertThat(act(id, "reject", "{\"publicNote\":\"This road is private.\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theCitizenSeesPublicUpdatesButNotInternalNotes() {
        UUID id = api.submit(ALICE, "pothole", "web", 51.7526, -0.3366);
        act(
                id,
                "triage",
                "{\"publicNote\":\"An inspector will visit.\",\"internalNote\":\"Near"
                        + " the school: prioritise.\"}");
        HttpResponse<String> note =
                api.post(
                        "/api/cases/" + id + "/updates",
                        AGENT,
                        "{\"text\":\"Caller rang to chase.\",\"public\":false}");
        HttpResponse<String> update =
                api.post(
                        "/api/cases/" + id + "/updates",
                        OFFICER,
                        "{\"text\":\"Booked for Friday.\",\"public\":true}");
        assertThat(note.statusCode()).isEqualTo(201);
        assertThat(update.statusCode()).isEqualTo(201);

        HttpResponse<String> citizenView = api.get("/api/cases/" + id + "/updates", ALICE);
        HttpResponse<String> staffView = api.get("/api/cases/" + id + "/updates", OFFICER);

        assertThat(citizenView.statusCode()).isEqualTo(200);
        assertThat(citizenView.body())
                .contains("An inspector will visit.", "Booked for Friday.")
                .doesNotContain("prioritise", "chase");
        assertThat(staffView.body())
                .contains("An inspector will visit.", "Booked for Friday.", "prioritise", "chase");
        assertThat(api.get("/api/cases/" + id + "/updates", BOB).statusCode()).isEqualTo(404);
        assertThat(
                        await().atMost(Duration.ofSeconds(30))
                                .until(() -> CaseApi.eventTypesFor(id), types -> types.size() >= 3))
                .containsExactly(
                        EVENT + "submitted.v1",
                        EVENT + "triaged.v1",
                        EVENT + "public-update-added.v1");
    }

    @Test
    void markingADuplicateLetsItsReporterFollowTheOriginal() {
        UUID original = api.submit(ALICE, "pothole", "web", 51.7527, -0.3367);
        UUID duplicate = api.submit(BOB, "pothole", "app", 51.7527, -0.3367);
        assertThat(api.get("/api/cases/" + original, BOB).statusCode()).isEqualTo(404);

        HttpResponse<String> toItself =
                act(duplicate, "mark-duplicate", "{\"duplicateOf\":\"" + duplicate + "\"}");
        assertThat(toItself.statusCode()).isEqualTo(400);
        HttpResponse<String> marked =
                act(duplicate, "mark-duplicate", "{\"duplicateOf\":\"" + original + "\"}");

        assertThat(marked.statusCode()).isEqualTo(200);
        assertThat(statusOf(duplicate)).isEqualTo("duplicate");
        assertThat(api.get("/api/cases/" + original, BOB).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/cases/mine", BOB).body())
                .contains(original.toString())
                .contains("\"relationship\":\"supporter\"");
        assertThat(
                        await().atMost(Duration.ofSeconds(30))
                                .until(
                                        () -> CaseApi.eventTypesFor(duplicate),
                                        types -> types.size() >= 2))
                .containsExactly(EVENT + "submitted.v1", EVENT + "marked-duplicate.v1");
    }

    @Test
    void aMergeNeedsTheSameServiceAndForAPersonalServiceTheSamePerson() {
        UUID pothole = api.submit(ALICE, "pothole", "web", 51.7601, -0.3401);
        UUID light = api.submit(BOB, "street-light", "web", 51.7601, -0.3401);
        UUID alicesBadge = badge(ALICE);
        UUID bobsBadge = badge(BOB);
        UUID alicesSecondBadge = badge(ALICE);

        HttpResponse<String> otherService =
                act(light, "mark-duplicate", "{\"duplicateOf\":\"" + pothole + "\"}");
        HttpResponse<String> otherPerson =
                act(bobsBadge, "mark-duplicate", "{\"duplicateOf\":\"" + alicesBadge + "\"}");
        HttpResponse<String> samePerson =
                act(
                        alicesSecondBadge,
                        "mark-duplicate",
                        "{\"duplicateOf\":\"" + alicesBadge + "\"}");

        assertThat(otherService.statusCode()).isEqualTo(400);
        assertThat(otherService.body()).contains("same service");
        assertThat(otherPerson.statusCode()).isEqualTo(400);
        assertThat(api.get("/api/cases/" + alicesBadge, BOB).statusCode()).isEqualTo(404);
        assertThat(samePerson.statusCode()).isEqualTo(200);
    }

    @Test
    void aCaseOfAWithdrawnServiceCanStillBeReopenedAndAssigned() {
        UUID path = api.submit(ALICE, "rights-of-way", "web", 51.7701, -0.3501);
        act(path, "triage", null);
        act(path, "resolve", null);
        jdbc.sql("UPDATE catalogue_service SET withdrawn_at = now() WHERE code = 'rights-of-way'")
                .update();

        assertThat(act(path, "reopen", null).statusCode()).isEqualTo(200);
        assertThat(act(path, "assign", null).statusCode()).isEqualTo(200);
        assertThat(
                        jdbc.sql("SELECT team_code FROM service_case WHERE id = :id")
                                .param("id", path)
                                .query(String.class)
                                .single())
                .isEqualTo("ROW");
    }

    private UUID badge(TestIssuer.TokenBuilder citizen) {
        HttpResponse<String> created =
                api.post(
                        "/api/cases",
                        citizen,
                        "{\"serviceCode\":\"blue-badge\",\"channel\":\"web\",\"attributes\":"
                                + CaseApi.answersTo("blue-badge")
                                + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(CaseApi.json(created).get("id").asString());
    }

    private HttpResponse<String> act(UUID id, String action, String body) {
        return api.post("/api/cases/" + id + "/" + action, OFFICER, body);
    }

    private HttpResponse<String> assign(UUID id, String team, String officer) {
        return act(
                id,
                "assign",
                "{\"teamCode\":\""
                        + team
                        + "\""
                        + (officer == null ? "" : ",\"assigneeStaffId\":\"" + officer + "\"")
                        + "}");
    }

    private String statusOf(UUID id) {
        return jdbc.sql("SELECT status FROM service_case WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private long updatesStored(UUID id) {
        return jdbc.sql("SELECT count(*) FROM case_update WHERE case_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
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

    private void awaitOfficer(String staffId) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                jdbc.sql(
                                                        "SELECT count(*) FROM staff_member WHERE staff_id ="
                                                                + " :id")
                                                .param("id", staffId)
                                                .query(Long.class)
                                                .single()
                                        == 1);
    }

    private static Instant at(int hour) {
        return Instant.parse("2026-03-02T00:00:00Z").plus(Duration.ofHours(hour));
    }
}
