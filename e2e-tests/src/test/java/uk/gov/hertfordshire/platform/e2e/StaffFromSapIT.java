package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The organisation flows from SAP HR (the simulator's ~7,000 staff) through sap-adapter and {@code
 * sap.hr.events} into case-service's officer directory with no hand seeding, so officer-dan can be
 * given a pothole case on a fresh platform. care-service's practitioner directory consumes the same
 * events; when it answers a list of practitioners, its check belongs beside {@link
 * #everyActiveOfficerInSapReachesCaseServicesDirectory} (the expected set from SAP's own {@code
 * User} entity, PRACTITIONER in {@code custom01}).
 */
class StaffFromSapIT {

    static final String SAP = "http://127.0.0.1:8090";
    static final String SAP_LOGON =
            "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    "HERTS_PLATFORM:local-sap-secret"
                                            .getBytes(StandardCharsets.UTF_8));
    static final String OFFICER_DAN = "00010002";

    private final Platform platform = new Platform();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void officerDanCanBeAssignedAPotholeCaseWithNoHandSeeding() throws Exception {
        String caseId = platform.submitCase("web", "pothole");
        assertThat(caseId).isNotNull();
        Map<String, String> asDan =
                Map.of("Authorization", "Bearer " + platform.token("officer-dan"));
        HttpResponse<String> triaged =
                platform.post("/api/cases/" + caseId + "/triage", "{}", asDan);
        assertThat(triaged.statusCode()).as(triaged.body()).isEqualTo(200);

        await("officer-dan assignable (from SAP HR, through sap.hr.events)")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            HttpResponse<String> assigned =
                                    platform.post(
                                            "/api/cases/" + caseId + "/assign",
                                            "{\"assigneeStaffId\":\"" + OFFICER_DAN + "\"}",
                                            asDan);
                            assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
                        });
        JsonNode view =
                Platform.JSON.readTree(platform.get("/api/cases/" + caseId, "officer-dan").body());
        assertThat(view.get("assigneeStaffId").asString()).isEqualTo(OFFICER_DAN);
        assertThat(view.get("status").asString()).isEqualTo("assigned");
    }

    @Test
    void everyActiveOfficerInSapReachesCaseServicesDirectory() throws Exception {
        Set<String> inSap = activeOfficersInSap();
        assertThat(inSap)
                .as("the simulator's county")
                .hasSizeGreaterThan(500)
                .contains(OFFICER_DAN);

        await("case-service's directory holds every active officer SAP holds")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(officersInCaseService()).isEqualTo(inSap));
    }

    @Test
    void anOfficerWhoLeavesInSapLeavesCaseServicesDirectory() throws Exception {
        String leaver =
                activeOfficersInSap().stream()
                        .filter(id -> id.compareTo("00020000") >= 0) // not a demo persona
                        .findFirst()
                        .orElseThrow();
        await("before: an active officer in case-service's directory")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(officersInCaseService()).contains(leaver));

        HttpResponse<String> left = changeInSap(leaver, "{\"active\":false}");
        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        // sap-adapter reads HR changes every 30 s; then sap.hr.events, then the directory. The
        // leaver stays left, so SAP and the directory agree again, as the test above expects.
        await("the leaver gone from case-service's directory")
                .atMost(Duration.ofSeconds(75))
                .untilAsserted(() -> assertThat(officersInCaseService()).doesNotContain(leaver));
    }

    private HttpResponse<String> changeInSap(String staffId, String change) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(SAP + "/admin/employees/" + staffId))
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(change))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Read from SAP's own {@code User} entity, not from anything the platform computed. */
    private Set<String> activeOfficersInSap() throws Exception {
        HttpResponse<String> users =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                SAP
                                                        + "/odata/v2/User?$top=100000&$select="
                                                        + "userId,department,custom01,status"))
                                .header("Authorization", SAP_LOGON)
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(users.statusCode()).as(users.body()).isEqualTo(200);
        Set<String> officers = new TreeSet<>();
        for (JsonNode user : Platform.JSON.readTree(users.body()).at("/d/results")) {
            boolean officer =
                    Set.of(user.get("custom01").asString().split(" ")).contains("OFFICER");
            // t: active (a query naming no status returns active users only, as SuccessFactors).
            if (officer && "t".equals(user.get("status").asString())) {
                officers.add(user.get("userId").asString());
            }
        }
        return officers;
    }

    private Set<String> officersInCaseService() throws Exception {
        HttpResponse<String> listed = platform.get("/api/officers", "officer-dan");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        Set<String> officers = new TreeSet<>();
        for (JsonNode officer : Platform.JSON.readTree(listed.body())) {
            officers.add(officer.get("staffId").asString());
        }
        return officers;
    }
}
