package uk.gov.hertfordshire.cases.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Who may submit and read cases, called on the service's own port with real tokens: every refusal
 * sits beside a caller who differs in one thing and succeeds.
 */
@PlatformIntegrationTest
class CaseAuthorisationTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final TestIssuer.TokenBuilder ALICE = idp.citizen("alice");
    static final TestIssuer.TokenBuilder BOB = idp.citizen("bob");
    static final TestIssuer.TokenBuilder AGENT = idp.staff("agent-carol", "AGENT");
    static final TestIssuer.TokenBuilder OFFICER = idp.staff("officer-dan", "OFFICER");

    static final String WEB_CASE =
            """
            {"serviceCode":"pothole","channel":"web",\
            "location":{"latitude":51.7520,"longitude":-0.3360},\
            "attributes":{"where":"road","depth":"over-100mm","size":"under-300mm"}}""";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    // --- object level: a citizen sees only their own cases (OWASP API1) ---

    @Test
    void aCitizenReadsTheirOwnCaseWhileAnotherCitizenGetsTheSame404AsForNoCase() throws Exception {
        String location = created(post(WEB_CASE, ALICE));

        HttpResponse<String> owner = get(location, ALICE);
        HttpResponse<String> other = get(location, BOB);
        String missing = "/api/cases/" + UUID.randomUUID();
        HttpResponse<String> nonexistent = get(missing, BOB);

        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(other.statusCode()).as("not 403: ids cannot be probed").isEqualTo(404);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.body().replace(location, "{case}"))
                .isEqualTo(nonexistent.body().replace(missing, "{case}"));
    }

    @Test
    void theSameSubjectFromTheStaffIssuerIsNotTheCitizenWhoSubmitted() throws Exception {
        String location = created(post(WEB_CASE, idp.citizen("sam")));

        HttpResponse<String> samTheCitizen = get(location, idp.citizen("sam"));
        HttpResponse<String> samAtStaffWithoutCaseRole = get(location, idp.staff("sam", "EDITOR"));

        assertThat(samTheCitizen.statusCode()).isEqualTo(200);
        assertThat(samAtStaffWithoutCaseRole.statusCode()).isEqualTo(403);
    }

    @Test
    void agentsOfficersAndAdminsReadAnyCitizensCase() throws Exception {
        String location = created(post(WEB_CASE, ALICE));

        assertThat(get(location, AGENT).statusCode()).isEqualTo(200);
        assertThat(get(location, OFFICER).statusCode()).isEqualTo(200);
        assertThat(get(location, idp.staff("admin-judy", "ADMIN")).statusCode()).isEqualTo(200);
    }

    @Test
    void aCaseStoredBeforeSubmittersWereRecordedIsSeenByStaffButByNoCitizen() throws Exception {
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        "INSERT INTO service_case (id, service_code, channel, status, submitted_at)"
                                + " VALUES (:id, 'pothole', 'web', 'submitted', :at)")
                .param("id", id)
                .param("at", Timestamp.from(Instant.parse("2026-01-05T10:00:00Z")))
                .update();

        assertThat(get("/api/cases/" + id, OFFICER).statusCode()).isEqualTo(200);
        assertThat(get("/api/cases/" + id, ALICE).statusCode()).isEqualTo(404);
    }

    @Test
    void theSubmitterIsStoredAsIssuerAndSubject() throws Exception {
        String location = created(post(WEB_CASE, ALICE));
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        assertThat(
                        jdbc.sql("SELECT submitted_by FROM service_case WHERE id = :id")
                                .param("id", id)
                                .query(String.class)
                                .single())
                .isEqualTo(idp.issuer(TestIssuer.CITIZENS) + "|alice");
    }

    // --- function level: who may call what (OWASP API5) ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"OFFICER", "EDITOR", "ANALYST", "ADMIN"})
    void staffWhoDoNotRecordContactsCannotSubmitBesideAnAgentWhoCan(String role) throws Exception {
        String phoneCase = WEB_CASE.replace("\"web\"", "\"phone\"");
        long before = storedCases();

        HttpResponse<String> refused = post(phoneCase, idp.staff("staff-1", role));
        HttpResponse<String> agent = post(phoneCase, idp.staff("staff-1", "AGENT"));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(agent.statusCode()).isEqualTo(201);
        assertThat(storedCases()).isEqualTo(before + 1);
    }

    @Test
    void aPartnerCannotSubmitNorReadCasesBesideACitizenWhoCan() throws Exception {
        TestIssuer.TokenBuilder partner = idp.partner("partner-nhs-herts", "nhs-herts");
        String location = created(post(WEB_CASE, ALICE));

        assertThat(post(WEB_CASE, partner).statusCode()).isEqualTo(403);
        assertThat(get(location, partner).statusCode()).isEqualTo(403);
        assertThat(get(location, ALICE).statusCode()).isEqualTo(200);
    }

    @Test
    void noTokenIs401OnTheServicesOwnPortBesideTheSameCallWithOne() throws Exception {
        assertThat(post(WEB_CASE, null).statusCode()).isEqualTo(401);
        assertThat(post(WEB_CASE, ALICE).statusCode()).isEqualTo(201);
    }

    // --- channel: a citizen reports online, an agent records the contact centre's channels ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"phone", "face_to_face", "email"})
    void aCitizenCannotClaimAContactCentreChannelBesideTheWebChannel(String channel)
            throws Exception {
        long before = storedCases();

        HttpResponse<String> refused =
                post(WEB_CASE.replace("\"web\"", "\"" + channel + "\""), ALICE);
        HttpResponse<String> accepted = post(WEB_CASE, ALICE);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body()).contains("'" + channel + "'").contains("web, app");
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(storedCases()).as("only the accepted one").isEqualTo(before + 1);
    }

    @Test
    void anAgentCannotRecordAnOnlineChannelBesideThePhoneChannel() throws Exception {
        HttpResponse<String> refused = post(WEB_CASE, AGENT);
        HttpResponse<String> accepted = post(WEB_CASE.replace("\"web\"", "\"phone\""), AGENT);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("phone, face_to_face, email");
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(accepted.body()).contains("\"channel\":\"phone\"");
    }

    // --- object property level: fields a caller may not set (OWASP API3, mass assignment) ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"status", "assignee", "priority", "submittedBy", "id", "submittedAt"})
    void aFieldTheCallerMayNotSetIsRefusedByNameBesideTheSameRequestWithoutIt(String field)
            throws Exception {
        long before = storedCases();
        String withField =
                WEB_CASE.substring(0, WEB_CASE.length() - 1) + ",\"" + field + "\":\"x\"}";

        HttpResponse<String> refused = post(withField, ALICE);
        HttpResponse<String> accepted = post(WEB_CASE, ALICE);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body())
                .contains("The field '" + field + "' is not allowed")
                .doesNotContain("SubmitCaseRequest")
                .doesNotContain("tools.jackson");
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(accepted.body()).contains("\"status\":\"submitted\"");
        assertThat(storedCases()).isEqualTo(before + 1);
    }

    @Test
    void anUnknownFieldInsideTheLocationIsNamedWithItsPath() throws Exception {
        HttpResponse<String> refused =
                post(WEB_CASE.replace("-0.3360}", "-0.3360,\"verified\":true}"), ALICE);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("'location.verified'");
    }

    private long storedCases() {
        return jdbc.sql("SELECT count(*) FROM service_case").query(Long.class).single();
    }

    private static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private HttpResponse<String> post(String body, TestIssuer.TokenBuilder token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cases"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token.bearer());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, TestIssuer.TokenBuilder token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", token.bearer())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
