package uk.gov.hertfordshire.cases.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.cases.CaseApi;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

@PlatformIntegrationTest
class CaseSubmissionIntegrationTest {

    private static final String VALID =
            """
            {"serviceCode":"pothole","channel":"web","description":"Deep hole by the bus stop, \
            call me on 07700 900123","location":{"latitude":51.7520,"longitude":-0.3360},\
            "attributes":{"where":"road","depth":"over-100mm","size":"under-300mm"}}""";

    private static final TestIssuer.TokenBuilder CITIZEN = TestIssuer.shared().citizen("alice");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCaseForAServiceNotInTheCatalogueIsRefusedBesideOneThatIs() throws Exception {
        HttpResponse<String> unknown = post(VALID.replace("\"pothole\"", "\"moon-landing\""));
        HttpResponse<String> known = post(VALID);

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body())
                .contains("moon-landing")
                .contains("not in the service catalogue");
        assertThat(known.statusCode()).isEqualTo(201);
    }

    @Test
    void aCaseIsDueAtCloseOfBusinessOnTheFifthWorkingDayForAPothole() throws Exception {
        HttpResponse<String> created = post(VALID);

        var view =
                tools.jackson.databind.json.JsonMapper.builder().build().readTree(created.body());
        java.time.ZonedDateTime submitted =
                java.time.Instant.parse(view.get("submittedAt").asString())
                        .atZone(java.time.ZoneId.of("Europe/London"));
        java.time.ZonedDateTime due =
                java.time.Instant.parse(view.get("dueAt").asString())
                        .atZone(java.time.ZoneId.of("Europe/London"));
        // The catalogue gives potholes 5 working days; the calendar's own tests pin the dates.
        assertThat(due.toLocalTime()).isEqualTo(java.time.LocalTime.of(17, 0));
        assertThat(due.toLocalDate()).isAfterOrEqualTo(submitted.toLocalDate().plusDays(5));
        assertThat(due.toLocalDate()).isBeforeOrEqualTo(submitted.toLocalDate().plusDays(14));
    }

    @Test
    void aSubmittedCaseIsStoredReadableAndPublishedWithoutItsDescription() throws Exception {
        HttpResponse<String> created = post(VALID);

        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        HttpResponse<String> read = get(location);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body())
                .contains("\"channel\":\"web\"")
                .contains("\"status\":\"submitted\"");

        List<ConsumerRecord<String, byte[]>> events =
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> eventsFor(id), list -> list.size() == 1);
        String payload = new String(events.get(0).value(), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"channel\":\"web\"").contains("\"serviceCode\":\"pothole\"");
        assertThat(payload).doesNotContain("bus stop").doesNotContain("07700");
    }

    @Test
    void aPlaceCanBeAnAddressOrAUprnAndItsPostcodeDistrictIsPublishedNotTheAddress()
            throws Exception {
        HttpResponse<String> byAddress =
                post(
                        "{\"serviceCode\":\"street-light\",\"channel\":\"web\","
                                + "\"address\":\"Outside 12 Fore Street, Hertford SG14 1BZ\","
                                + "\"location\":{\"latitude\":51.7956,\"longitude\":-0.0781},"
                                + "\"attributes\":{\"fault\":\"out\"}}");
        HttpResponse<String> byUprn =
                post(
                        "{\"serviceCode\":\"street-light\",\"channel\":\"web\","
                                + "\"uprn\":\"10033103432\",\"attributes\":{\"fault\":\"out\"}}");
        HttpResponse<String> nowhere =
                post(
                        "{\"serviceCode\":\"street-light\",\"channel\":\"web\","
                                + "\"attributes\":{\"fault\":\"out\"}}");
        HttpResponse<String> personal =
                post(
                        "{\"serviceCode\":\"library-membership\",\"channel\":\"web\","
                                + "\"attributes\":{\"membership_type\":\"adult\"}}");

        assertThat(byAddress.statusCode()).isEqualTo(201);
        assertThat(byUprn.statusCode()).isEqualTo(201);
        assertThat(personal.statusCode())
                .as("a personal service is not about a place")
                .isEqualTo(201);
        assertThat(nowhere.statusCode()).isEqualTo(400);
        assertThat(nowhere.body()).contains("give a location, an address or a uprn");
        String id = byAddress.headers().firstValue("Location").orElseThrow();
        id = id.substring(id.lastIndexOf('/') + 1);
        assertThat(get("/api/cases/" + id).body()).contains("Fore Street").contains("SG14 1BZ");
        String caseId = id;
        List<ConsumerRecord<String, byte[]>> events =
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> eventsFor(caseId), list -> list.size() == 1);
        String payload = new String(events.get(0).value(), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"postcodeDistrict\":\"SG14\"").doesNotContain("Fore Street");

        HttpResponse<String> addressOnly =
                post(
                        "{\"serviceCode\":\"street-light\",\"channel\":\"web\","
                                + "\"address\":\"Opposite 3 Bull Plain, Hertford SG14 1DT\","
                                + "\"attributes\":{\"fault\":\"out\"}}");
        String addressOnlyId =
                uk.gov.hertfordshire.cases.CaseApi.json(addressOnly).get("id").asString();
        String addressOnlyEvent =
                new String(
                        await().atMost(Duration.ofSeconds(30))
                                .until(() -> eventsFor(addressOnlyId), list -> list.size() == 1)
                                .get(0)
                                .value(),
                        StandardCharsets.UTF_8);
        assertThat(addressOnlyEvent)
                .as("an address without coordinates still gives the area")
                .contains("\"postcodeDistrict\":\"SG14\"")
                .doesNotContain("Bull Plain");
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameCaseOnceAndADifferentBodyUnderItIsRefused()
            throws Exception {
        String key = java.util.UUID.randomUUID().toString();
        long before = storedCases();

        HttpResponse<String> first = post(VALID, key);
        HttpResponse<String> repeat = post(VALID, key);
        HttpResponse<String> changed = post(VALID.replace("\"pothole\"", "\"road-sign\""), key);
        HttpResponse<String> otherKey = post(VALID, java.util.UUID.randomUUID().toString());

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(otherKey.statusCode()).isEqualTo(201);
        assertThat(storedCases()).isEqualTo(before + 2);
    }

    @Test
    void onlineTheServicesQuestionsMustBeAnsweredWhileAnAgentRecordsWhatTheCallerKnew()
            throws Exception {
        String unanswered =
                "{\"serviceCode\":\"pothole\",\"channel\":\"%s\","
                        + "\"location\":{\"latitude\":51.7520,\"longitude\":-0.3360}%s}";
        long before = storedCases();

        HttpResponse<String> online = post(unanswered.formatted("web", ""));
        HttpResponse<String> wrongKey =
                post(
                        unanswered.formatted(
                                "web",
                                ",\"attributes\":{\"where\":\"motorway\",\"depth\":"
                                        + "\"over-100mm\",\"size\":\"under-300mm\"}"));
        HttpResponse<String> byPhone =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/api/cases"))
                                .header("Content-Type", "application/json")
                                .header(
                                        "Authorization",
                                        TestIssuer.shared()
                                                .staff("agent-carol", "AGENT")
                                                .staffId("00010001")
                                                .bearer())
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                unanswered.formatted(
                                                        "phone",
                                                        ",\"attributes\":{\"where\":\"road\"}")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(online.statusCode()).isEqualTo(400);
        assertThat(online.body()).contains("where", "depth", "size");
        assertThat(wrongKey.statusCode()).isEqualTo(400);
        assertThat(wrongKey.body()).contains("motorway");
        assertThat(byPhone.statusCode()).as(byPhone.body()).isEqualTo(201);
        assertThat(storedCases()).as("only the phone contact was stored").isEqualTo(before + 1);
        assertThat(byPhone.body()).contains("\"attributes\":{\"where\":[\"road\"]}");
        assertThat(post(VALID).statusCode()).isEqualTo(201);
        String phoneCase =
                tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .readTree(byPhone.body())
                        .get("id")
                        .asString();
        String event =
                new String(
                        await().atMost(Duration.ofSeconds(30))
                                .until(() -> eventsFor(phoneCase), list -> list.size() == 1)
                                .get(0)
                                .value(),
                        StandardCharsets.UTF_8);
        assertThat(event)
                .as("the agent who recorded it")
                .contains("\"recordedByStaffId\":\"00010001\"");
    }

    /**
     * A service the catalogue does not offer online (a phone-only service) is hidden from online
     * catalogue reads, and a citizen cannot report it online either; an agent still records it.
     */
    @Test
    void aServiceNotOfferedOnlineIsRefusedOnTheWebBesideTheSameByPhone() {
        CaseApi api = new CaseApi(port);
        String code = "gritting-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created =
                api.post(
                        "/api/catalogue/services",
                        TestIssuer.shared().staff("admin-judy", "ADMIN"),
                        """
                        {"code":"%s","name":"Grit bin empty","group":"Highways",
                         "description":"A grit bin that needs filling.","keywords":"grit",
                         "responseTarget":5,"responseUnit":"working_days","teamCode":"HWY-WINTER",
                         "availableOnline":false,"availableOpen311":false,"publicRealm":true,
                         "attributes":[]}
                        """
                                .formatted(code));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String report =
                "{\"serviceCode\":\"%s\",\"channel\":\"%s\","
                        + "\"location\":{\"latitude\":51.7520,\"longitude\":-0.3360}}";
        long before = storedCases();

        HttpResponse<String> online =
                api.post("/api/cases", CITIZEN, report.formatted(code, "web"));
        HttpResponse<String> byPhone =
                api.post(
                        "/api/cases",
                        TestIssuer.shared().staff("agent-carol", "AGENT").staffId("00010001"),
                        report.formatted(code, "phone"));

        assertThat(online.statusCode()).isEqualTo(400);
        assertThat(online.body()).contains(code).contains("not offered online");
        assertThat(byPhone.statusCode()).as(byPhone.body()).isEqualTo(201);
        assertThat(storedCases()).as("only the phone contact was stored").isEqualTo(before + 1);
    }

    @Test
    void anUnknownChannelIsRefusedAndNothingIsStored() throws Exception {
        long before = storedCases();
        HttpResponse<String> refused = post(VALID.replace("\"web\"", "\"carrier-pigeon\""));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body()).contains("face_to_face");
        assertThat(storedCases()).isEqualTo(before);
    }

    @Test
    void aLocationOutsideTheUnitedKingdomIsRefused() throws Exception {
        HttpResponse<String> refused =
                post(VALID.replace("51.7520", "0.0").replace("-0.3360", "0.0"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("outside the United Kingdom");
    }

    @Test
    void aMissingServiceCodeIsNamedInTheProblem() throws Exception {
        HttpResponse<String> refused = post("{\"channel\":\"phone\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("serviceCode");
    }

    @Test
    void anUnknownCaseIs404() throws Exception {
        assertThat(get("/api/cases/3f0e6b2a-1c6d-4d38-9d7e-6a4d1f1e2b10").statusCode())
                .isEqualTo(404);
    }

    private long storedCases() {
        return jdbc.sql("SELECT count(*) FROM service_case").query(Long.class).single();
    }

    private List<ConsumerRecord<String, byte[]>> eventsFor(String id) {
        return KafkaTopicReader.readAll(
                        TestInfrastructure.shared().kafkaBootstrapServers(), Topics.CASES)
                .stream()
                .filter(r -> id.equals(r.key()))
                .toList();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body, null);
    }

    private HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cases"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", CITIZEN.bearer())
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", CITIZEN.bearer())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
