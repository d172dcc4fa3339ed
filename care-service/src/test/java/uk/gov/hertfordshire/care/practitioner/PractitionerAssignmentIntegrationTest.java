package uk.gov.hertfordshire.care.practitioner;

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
import uk.gov.hertfordshire.care.CareHttp;
import uk.gov.hertfordshire.care.CareIntegrationTest;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;

/**
 * The practitioner directory as SAP HR's changes reach it through Kafka, and what it allows: a
 * referral is assigned only to an active practitioner, and a leaver's undecided referrals go back
 * to the unassigned queue.
 */
@CareIntegrationTest
class PractitionerAssignmentIntegrationTest {

    static final String TEAM = "CS-FRONT-DOOR";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private CareHttp http;
    private KafkaTopicWriter kafka;

    @BeforeEach
    void connect() {
        http = new CareHttp(port);
        kafka = KafkaTopicWriter.toSharedBroker();
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aReferralGoesToAnActivePractitionerAndNotToTheUnknownTheLeaverOrAnotherRole()
            throws Exception {
        String practitioner = "00077701";
        String leaver = "00077702";
        String manager = "00077703";
        String officer = "00077704";
        awaitHandled(hrSays(staff(practitioner, true, 1, "PRACTITIONER")));
        awaitHandled(hrSays(staff(leaver, false, 1, "PRACTITIONER")));
        awaitHandled(hrSays(staff(manager, true, 1, "CARE_MANAGER")));
        awaitHandled(hrSays(staff(officer, true, 1, "OFFICER")));
        UUID referral = http.recordAdultReferral();

        HttpResponse<String> assigned = assign(referral, practitioner);

        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.body()).contains("\"assignedStaffId\":\"" + practitioner + "\"");
        assertThat(refusal(referral, "00077799")).contains("no practitioner with this staff id");
        assertThat(refusal(referral, leaver)).contains("no longer active");
        assertThat(refusal(referral, manager)).contains("does not hold the PRACTITIONER role");
        assertThat(refusal(referral, officer)).contains("no practitioner with this staff id");
        assertThat(assignee(referral)).isEqualTo(practitioner);
        assertThat(audited(referral, "referral.assign")).isEqualTo(1);
        assertThat(
                        http.post(
                                        "/api/care/referrals/" + referral + "/assignment",
                                        CareHttp.practitioner(),
                                        "{\"staffId\":\"" + practitioner + "\"}")
                                .statusCode())
                .isEqualTo(403);
        String listed =
                http.get("/api/care/practitioners?team=" + TEAM, CareHttp.careManager()).body();
        assertThat(listed).contains(practitioner).doesNotContain(leaver, manager, officer);
    }

    @Test
    void aDecidedReferralIsNotReassigned() throws Exception {
        String practitioner = "00077711";
        awaitHandled(hrSays(staff(practitioner, true, 1, "PRACTITIONER")));
        UUID referral = http.recordAdultReferral();
        decide(referral);

        HttpResponse<String> refused = assign(referral, practitioner);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(assignee(referral)).isNull();
    }

    @Test
    void aLeaversUndecidedReferralsReturnToTheQueueWhileTheirDecidedOnesAndOthersStay()
            throws Exception {
        String leaver = "00077721";
        String colleague = "00077722";
        awaitHandled(hrSays(staff(leaver, true, 1, "PRACTITIONER")));
        awaitHandled(hrSays(staff(colleague, true, 1, "PRACTITIONER")));
        UUID open = assignedTo(leaver);
        UUID decided = assignedTo(leaver);
        decide(decided);
        UUID colleagues = assignedTo(colleague);

        awaitHandled(hrSays(staff(leaver, false, 2, "PRACTITIONER")));

        assertThat(assignee(open)).isNull();
        assertThat(assignee(decided)).isEqualTo(leaver);
        assertThat(assignee(colleagues)).isEqualTo(colleague);
        assertThat(audited(open, "referral.unassign")).isEqualTo(1);
        assertThat(audited(colleagues, "referral.unassign")).isZero();
    }

    @Test
    void losingThePractitionerRoleCountsAsLeavingButAnotherChangeDoesNot() throws Exception {
        String mover = "00077731";
        awaitHandled(hrSays(staff(mover, true, 1, "PRACTITIONER")));
        UUID referral = assignedTo(mover);

        // A new team and an extra role: still an active practitioner, so the referral stays.
        awaitHandled(
                hrSays(
                        new StaffMemberChanged(
                                mover, "CS-EAST", List.of("PRACTITIONER", "AGENT"), true, at(2))));
        assertThat(assignee(referral)).isEqualTo(mover);

        awaitHandled(hrSays(staff(mover, true, 3, "OFFICER")));
        assertThat(assignee(referral)).isNull();
    }

    @Test
    void aLeavingChangeOlderThanTheOneHeldChangesNothing() throws Exception {
        String practitioner = "00077741";
        awaitHandled(hrSays(staff(practitioner, true, 5, "PRACTITIONER")));
        UUID referral = assignedTo(practitioner);

        awaitHandled(hrSays(staff(practitioner, false, 3, "PRACTITIONER")));
        assertThat(assignee(referral)).isEqualTo(practitioner);

        // The same change dated after the one held does take effect (positive control).
        awaitHandled(hrSays(staff(practitioner, false, 6, "PRACTITIONER")));
        assertThat(assignee(referral)).isNull();
    }

    private UUID assignedTo(String staffId) throws Exception {
        UUID referral = http.recordAdultReferral();
        HttpResponse<String> assigned = assign(referral, staffId);
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
        return referral;
    }

    private HttpResponse<String> assign(UUID referral, String staffId) throws Exception {
        return http.post(
                "/api/care/referrals/" + referral + "/assignment",
                CareHttp.careManager(),
                "{\"staffId\":\"" + staffId + "\"}");
    }

    private String refusal(UUID referral, String staffId) throws Exception {
        HttpResponse<String> refused = assign(referral, staffId);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        return refused.body();
    }

    private void decide(UUID referral) throws Exception {
        String decision = "{\"outcome\":\"s42_enquiry\",\"reason\":\"Needs an enquiry.\"}";
        assertThat(
                        http.post(
                                        "/api/care/referrals/" + referral + "/proposal",
                                        CareHttp.practitioner(),
                                        decision)
                                .statusCode())
                .isEqualTo(200);
        assertThat(
                        http.post(
                                        "/api/care/referrals/" + referral + "/decision",
                                        CareHttp.careManager(),
                                        decision)
                                .statusCode())
                .isEqualTo(200);
    }

    private String assignee(UUID referral) {
        return jdbc.sql("SELECT assigned_staff_id FROM referral WHERE id = :id")
                .param("id", referral)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private long audited(UUID referral, String action) {
        return jdbc.sql(
                        "SELECT count(*) FROM access_audit WHERE referral_id = :id AND action ="
                                + " :action")
                .param("id", referral)
                .param("action", action)
                .query(Long.class)
                .single();
    }

    private static StaffMemberChanged staff(String staffId, boolean active, int hour, String role) {
        return new StaffMemberChanged(staffId, TEAM, List.of(role), active, at(hour));
    }

    private UUID hrSays(StaffMemberChanged change) {
        return kafka.publish(change);
    }

    /** Waits until care-service's inbox has handled the event (applied or ignored). */
    private void awaitHandled(UUID eventId) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                jdbc.sql(
                                                        "SELECT count(*) FROM platform.inbox WHERE"
                                                                + " consumer_group = 'care-service'"
                                                                + " AND event_id = :id")
                                                .param("id", eventId)
                                                .query(Long.class)
                                                .single()
                                        == 1);
    }

    private static Instant at(int hour) {
        return Instant.parse("2026-04-01T00:00:00Z").plus(Duration.ofHours(hour));
    }
}
