package uk.gov.hertfordshire.cases.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
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

/**
 * Likely duplicates within 50 m, and "me too". The test points are placed with the WGS84
 * ellipsoid's length of a degree of latitude and of longitude (the standard series, e.g. in the
 * Wikipedia article "Latitude" and Ordnance Survey's "A guide to coordinate systems"), not with the
 * service's spherical haversine, so a wrong distance formula or radius cannot pass.
 */
@PlatformIntegrationTest
class DuplicatesIntegrationTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final TestIssuer.TokenBuilder ALICE = idp.citizen("alice");
    static final TestIssuer.TokenBuilder BOB = idp.citizen("bob");
    static final TestIssuer.TokenBuilder AGENT = idp.staff("agent-carol", "AGENT");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private CaseApi api;

    @BeforeEach
    void connect() {
        api = new CaseApi(port);
    }

    /** Metres in one degree of latitude on the WGS84 ellipsoid at this latitude. */
    static double metresPerDegreeOfLatitude(double latitude) {
        double phi = Math.toRadians(latitude);
        return 111_132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    }

    /** Metres in one degree of longitude on the WGS84 ellipsoid at this latitude. */
    static double metresPerDegreeOfLongitude(double latitude) {
        double phi = Math.toRadians(latitude);
        return 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) + 0.118 * Math.cos(5 * phi);
    }

    @Test
    void theSeriesGivesTheTabulatedLengthsOfADegree() {
        // Published WGS84 values at 50°N: 111,229 m of latitude and 71,696 m of longitude.
        assertThat(metresPerDegreeOfLatitude(50)).isCloseTo(111_229, within(1));
        assertThat(metresPerDegreeOfLongitude(50)).isCloseTo(71_696, within(1));
    }

    @Test
    void anOpenReport49MetresNorthIsALikelyDuplicateAnd51MetresNorthIsNot() {
        double latitude = 51.7500;
        double longitude = -0.3400;
        UUID existing = api.submit(ALICE, "pothole", "web", latitude, longitude);

        JsonNode at49 =
                nearby("pothole", latitude + 49 / metresPerDegreeOfLatitude(latitude), longitude);
        JsonNode at51 =
                nearby("pothole", latitude + 51 / metresPerDegreeOfLatitude(latitude), longitude);

        assertThat(at49.get("cases")).hasSize(1);
        assertThat(at49.get("cases").get(0).get("id").asString()).isEqualTo(existing.toString());
        assertThat(at49.get("cases").get(0).get("distanceMetres").asDouble())
                .isCloseTo(49, within(0.5));
        assertThat(at51.get("cases")).isEmpty();
    }

    @Test
    void anOpenReport49MetresEastIsALikelyDuplicateAnd51MetresEastIsNot() {
        double latitude = 51.8000;
        double longitude = -0.2000;
        UUID existing = api.submit(ALICE, "street-light", "web", latitude, longitude);

        JsonNode at49 =
                nearby(
                        "street-light",
                        latitude,
                        longitude + 49 / metresPerDegreeOfLongitude(latitude));
        JsonNode at51 =
                nearby(
                        "street-light",
                        latitude,
                        longitude + 51 / metresPerDegreeOfLongitude(latitude));

        assertThat(at49.get("cases").get(0).get("id").asString()).isEqualTo(existing.toString());
        assertThat(at51.get("cases")).isEmpty();
    }

    @Test
    void onlyOpenCasesOfTheSameServiceFromTheLast30DaysAreOffered() {
        double latitude = 51.9000;
        double longitude = -0.1000;
        UUID recent = api.submit(ALICE, "road-sign", "web", latitude, longitude);
        UUID old = api.submit(ALICE, "road-sign", "web", latitude, longitude);
        UUID closed = api.submit(ALICE, "road-sign", "web", latitude, longitude);
        api.submit(ALICE, "drain-flooding", "web", latitude, longitude);
        jdbc.sql("UPDATE service_case SET submitted_at = now() - interval '29 days' WHERE id = :id")
                .param("id", recent)
                .update();
        jdbc.sql("UPDATE service_case SET submitted_at = now() - interval '31 days' WHERE id = :id")
                .param("id", old)
                .update();
        jdbc.sql("UPDATE service_case SET status = 'closed' WHERE id = :id")
                .param("id", closed)
                .update();

        JsonNode offered = nearby("road-sign", latitude, longitude);

        assertThat(offered.get("cases")).hasSize(1);
        assertThat(offered.get("cases").get(0).get("id").asString()).isEqualTo(recent.toString());
    }

    @Test
    void aPersonalServiceHasNoDuplicatesByLocation() {
        HttpResponse<String> refused =
                api.get(
                        "/api/cases/nearby?serviceCode=blue-badge&latitude=51.75&longitude=-0.34",
                        ALICE);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("personal service");
    }

    @Test
    void meTooMakesTheCitizenAFollowerOnceAndIsOneContact() {
        UUID reported = api.submit(ALICE, "fly-tipping-highway", "web", 51.6000, -0.2500);
        assertThat(api.get("/api/cases/" + reported, BOB).statusCode()).isEqualTo(404);

        HttpResponse<String> first = meToo(reported, BOB, "app");
        HttpResponse<String> again = meToo(reported, BOB, "app");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(CaseApi.json(again).get("added").asBoolean()).isFalse();
        assertThat(api.get("/api/cases/" + reported, BOB).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/cases/mine", BOB).body()).contains(reported.toString());
        assertThat(
                        await().atMost(Duration.ofSeconds(30))
                                .until(
                                        () -> CaseApi.eventTypesFor(reported),
                                        types -> types.size() >= 2))
                .containsExactly(
                        "uk.gov.hertfordshire.case.submitted.v1",
                        "uk.gov.hertfordshire.case.supporter-added.v1");
        assertThat(CaseApi.eventsFor(reported.toString()).get(1).value())
                .asString()
                .contains("\"channel\":\"app\"");
    }

    @Test
    void aFollowerSeesHowTheCaseIsGoingButNotWhatItsReporterWroteOrPhotographed() {
        HttpResponse<String> reported =
                api.post(
                        "/api/cases",
                        ALICE,
                        "{\"serviceCode\":\"pothole\",\"channel\":\"web\","
                                + "\"description\":\"Outside my house at 4 Mill Lane\","
                                + "\"address\":\"4 Mill Lane, Ware SG12 9AA\","
                                + "\"location\":{\"latitude\":51.64,\"longitude\":-0.29},"
                                + "\"attributes\":"
                                + CaseApi.answersTo("pothole")
                                + "}");
        UUID id = UUID.fromString(CaseApi.json(reported).get("id").asString());
        assertThat(meToo(id, BOB, "web").statusCode()).isEqualTo(201);

        HttpResponse<String> owner = api.get("/api/cases/" + id, ALICE);
        HttpResponse<String> follower = api.get("/api/cases/" + id, BOB);

        assertThat(owner.body()).contains("Mill Lane", "over-100mm");
        assertThat(follower.statusCode()).isEqualTo(200);
        assertThat(follower.body())
                .contains("\"status\":\"submitted\"")
                .doesNotContain("Mill Lane", "SG12", "over-100mm");
        assertThat(api.get("/api/cases/" + id + "/photos", ALICE).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/cases/" + id + "/photos", BOB).statusCode()).isEqualTo(404);
    }

    @Test
    void theReporterCannotSayMeTooToTheirOwnCaseNorACitizenClaimPhone() {
        UUID reported = api.submit(ALICE, "fly-tipping-highway", "web", 51.6100, -0.2600);

        assertThat(meToo(reported, ALICE, "web").statusCode()).isEqualTo(409);
        assertThat(meToo(reported, BOB, "phone").statusCode()).isEqualTo(400);
        assertThat(meToo(reported, AGENT, "phone").statusCode()).isEqualTo(201);
        assertThat(meToo(reported, AGENT, "phone").statusCode())
                .as("each call an agent records is a contact of its own")
                .isEqualTo(201);
        assertThat(supporters(reported)).isEqualTo(2);
    }

    @Test
    void aPersonalCaseIsInvisibleToMeTooBesideAPublicOne() {
        HttpResponse<String> badge =
                api.post(
                        "/api/cases",
                        ALICE,
                        "{\"serviceCode\":\"blue-badge\",\"channel\":\"web\",\"attributes\":"
                                + CaseApi.answersTo("blue-badge")
                                + "}");
        UUID personal = UUID.fromString(CaseApi.json(badge).get("id").asString());
        UUID pothole = api.submit(ALICE, "pothole", "web", 51.6200, -0.2700);

        assertThat(meToo(personal, BOB, "web").statusCode()).isEqualTo(404);
        assertThat(meToo(pothole, BOB, "web").statusCode()).isEqualTo(201);
    }

    @Test
    void aClosedCaseTakesNoMeToo() {
        UUID reported = api.submit(ALICE, "pothole", "web", 51.6300, -0.2800);
        jdbc.sql("UPDATE service_case SET status = 'closed' WHERE id = :id")
                .param("id", reported)
                .update();

        HttpResponse<String> refused = meToo(reported, BOB, "web");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("closed");
        assertThat(supporters(reported)).isZero();
    }

    private JsonNode nearby(String service, double latitude, double longitude) {
        HttpResponse<String> response =
                api.get(
                        "/api/cases/nearby?serviceCode="
                                + service
                                + "&latitude="
                                + latitude
                                + "&longitude="
                                + longitude,
                        BOB);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CaseApi.json(response);
    }

    private HttpResponse<String> meToo(UUID id, TestIssuer.TokenBuilder who, String channel) {
        return api.post(
                "/api/cases/" + id + "/supporters", who, "{\"channel\":\"" + channel + "\"}");
    }

    private long supporters(UUID id) {
        return jdbc.sql("SELECT count(*) FROM case_supporter WHERE case_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private static org.assertj.core.data.Offset<Double> within(double tolerance) {
        return org.assertj.core.data.Offset.offset(tolerance);
    }
}
