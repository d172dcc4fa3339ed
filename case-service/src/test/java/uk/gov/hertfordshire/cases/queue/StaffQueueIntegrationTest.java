package uk.gov.hertfordshire.cases.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.cases.CaseApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** Staff work queues and a citizen's own list, over cases placed in known states by SQL. */
@PlatformIntegrationTest
class StaffQueueIntegrationTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final TestIssuer.TokenBuilder ALICE = idp.citizen("alice-queue");
    static final TestIssuer.TokenBuilder OFFICER = idp.staff("officer-dan", "OFFICER");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private CaseApi api;

    @BeforeEach
    void connect() {
        api = new CaseApi(port);
    }

    @Test
    void theQueueFiltersSortsAndPagesAndShowsWhatIsOverdue() {
        // Five drain cases for one team, due 1..5 days ago or ahead; one of them resolved.
        String team = "QUEUE-" + UUID.randomUUID().toString().substring(0, 8);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = api.submit(ALICE, "drain-flooding", "web", 51.70 + i / 100.0, -0.30);
            ids.add(id);
            jdbc.sql(
                            "UPDATE service_case SET team_code = :team, status = 'assigned', due_at"
                                    + " = now() + (:days * interval '1 day') WHERE id = :id")
                    .param("team", team)
                    .param("days", i - 2) // -2, -1, 0 (now), +1, +2 days
                    .param("id", id)
                    .update();
        }
        jdbc.sql("UPDATE service_case SET status = 'resolved' WHERE id = :id")
                .param("id", ids.get(0))
                .update();

        JsonNode firstPage = queue("?team=" + team + "&sort=dueAt&size=2");
        JsonNode secondPage = queue("?team=" + team + "&sort=dueAt&size=2&page=1");
        JsonNode overdue = queue("?team=" + team + "&overdue=true");
        JsonNode latestDueFirst = queue("?team=" + team + "&sort=-dueAt&size=1");
        JsonNode resolved = queue("?team=" + team + "&status=resolved");

        // The open backlog is ids 1..4 (0 is resolved), by due time.
        assertThat(firstPage.get("totalItems").asLong()).isEqualTo(4);
        assertThat(idsIn(firstPage)).containsExactly(ids.get(1), ids.get(2));
        assertThat(idsIn(secondPage)).containsExactly(ids.get(3), ids.get(4));
        assertThat(idsIn(overdue)).containsExactly(ids.get(1), ids.get(2));
        assertThat(overdue.get("items").get(0).get("overdue").asBoolean()).isTrue();
        assertThat(firstPage.get("items").get(0).get("overdue").asBoolean()).isTrue();
        assertThat(secondPage.get("items").get(0).get("overdue").asBoolean()).isFalse();
        assertThat(idsIn(latestDueFirst)).containsExactly(ids.get(4));
        assertThat(idsIn(resolved)).containsExactly(ids.get(0));
    }

    @Test
    void badQueueParametersAreNamedBesideGoodOnes() {
        HttpResponse<String> refused =
                api.get("/api/cases?status=lost&sort=priority;DROP&size=1000&page=-1", OFFICER);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("status 'lost'")
                .contains("sort 'priority;DROP'")
                .contains("size must be between 1 and 100")
                .contains("page must be 0 or more");
        assertThat(
                        api.get("/api/cases?status=submitted&sort=-submittedAt&size=100", OFFICER)
                                .statusCode())
                .isEqualTo(200);
    }

    @Test
    void citizensGetTheirOwnListNotTheStaffQueue() {
        TestIssuer.TokenBuilder citizen = idp.citizen("only-one-case");
        UUID mine = api.submit(citizen, "pothole", "web", 51.65, -0.31);
        api.submit(idp.citizen("someone-else"), "pothole", "web", 51.66, -0.31);

        assertThat(api.get("/api/cases", citizen).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/cases", OFFICER).statusCode()).isEqualTo(200);
        JsonNode own = CaseApi.json(api.get("/api/cases/mine", citizen));
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("id").asString()).isEqualTo(mine.toString());
        assertThat(own.get(0).get("relationship").asString()).isEqualTo("reporter");
    }

    @Test
    void aCitizensOwnListNamesTheTeamButNotTheOfficersPersonnelNumber() {
        TestIssuer.TokenBuilder citizen = idp.citizen("assigned-case-" + UUID.randomUUID());
        UUID id = api.submit(citizen, "pothole", "web", 51.67, -0.31);
        String team = "MINE-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql(
                        "UPDATE service_case SET status = 'assigned', team_code = :team,"
                                + " assignee_staff_id = '00012345' WHERE id = :id")
                .param("team", team)
                .param("id", id)
                .update();

        JsonNode own = CaseApi.json(api.get("/api/cases/mine", citizen)).get(0);
        JsonNode staff = queue("?team=" + team).get("items").get(0);

        assertThat(own.get("teamCode").asString()).isEqualTo(team);
        assertThat(own.get("assigneeStaffId").isNull()).isTrue();
        assertThat(staff.get("assigneeStaffId").asString()).isEqualTo("00012345");
    }

    private JsonNode queue(String query) {
        HttpResponse<String> response = api.get("/api/cases" + query, OFFICER);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CaseApi.json(response);
    }

    private static List<UUID> idsIn(JsonNode page) {
        List<UUID> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(UUID.fromString(item.get("id").asString())));
        return ids;
    }
}
