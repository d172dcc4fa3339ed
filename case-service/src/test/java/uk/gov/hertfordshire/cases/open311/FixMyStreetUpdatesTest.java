package uk.gov.hertfordshire.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.cases.CaseApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * mySociety's Open311 extension as FixMyStreet's own client ({@code perllib/Open311.pm}) speaks it:
 * its POST requests and POST servicerequestupdates forms field for field ({@code jurisdiction_id}
 * and {@code api_key} added to every POST, {@code attribute[...]} for its extra fields, the
 * update's {@code updated_datetime} in W3C form with an offset, last_name "-" when it has none),
 * and what each does to the case.
 */
@PlatformIntegrationTest
class FixMyStreetUpdatesTest {

    static final TestIssuer.TokenBuilder ADMIN = TestIssuer.shared().staff("admin-judy", "ADMIN");

    static final DateTimeFormatter W3CDTF = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    Open311Client client() {
        return new Open311Client(port);
    }

    @Test
    void anUpdateSentTwiceRecordsOneUpdateBesideASecondUpdateWhichRecordsAnother()
            throws Exception {
        String key = client().issueKey(unique("FixMyStreet"));
        String request = report(key);

        HttpResponse<String> first =
                client().post(
                                "/open311/v2/servicerequestupdates.xml",
                                update(key, request, "4567", "OPEN"));
        HttpResponse<String> again =
                client().post(
                                "/open311/v2/servicerequestupdates.xml",
                                update(key, request, "4567", "OPEN"));
        HttpResponse<String> another =
                client().post(
                                "/open311/v2/servicerequestupdates.xml",
                                update(key, request, "4568", "OPEN"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Content-Type").orElseThrow())
                .isEqualToIgnoringCase("text/xml;charset=UTF-8");
        // What FixMyStreet reads: $obj->{request_update}->[0]->{update_id}
        Document xml = Open311Client.xml(first.body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_request_updates");
        assertThat(Open311Client.children(xml.getDocumentElement()))
                .containsExactly("request_update");
        String updateId = Open311Client.text(xml.getDocumentElement(), "update_id");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(
                        Open311Client.text(
                                Open311Client.xml(again.body()).getDocumentElement(), "update_id"))
                .isEqualTo(updateId);
        assertThat(another.statusCode()).as(another.body()).isEqualTo(201);
        String anotherId =
                Open311Client.text(
                        Open311Client.xml(another.body()).getDocumentElement(), "update_id");
        assertThat(anotherId).isNotEqualTo(updateId);
        assertThat(citizenUpdates(request)).containsExactlyInAnyOrder(updateId, anotherId);
    }

    @Test
    void concurrentSendsOfOneUpdateRecordItOnce() throws Exception {
        String key = client().issueKey(unique("FixMyStreet Retry"));
        String request = report(key);
        String form = Open311Client.encode(update(key, request, "9001", "OPEN"));
        HttpClient http = HttpClient.newHttpClient();

        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sends.add(
                    http.sendAsync(
                            HttpRequest.newBuilder(
                                            client().uri("/open311/v2/servicerequestupdates.json"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> send : sends) {
            HttpResponse<String> answer = send.join();
            statuses.add(answer.statusCode());
            ids.add(Open311Client.json(answer.body()).get(0).get("update_id").asString());
        }

        assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(citizenUpdates(request)).containsExactly(ids.get(0));
    }

    @Test
    void theCitizensNameAndEmailAreKeptApartAndNeverShownWhileTheirWordsAndPictureAre()
            throws Exception {
        String key = client().issueKey(unique("FixMyStreet Privacy"));
        String request = report(key);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        String updateId =
                Open311Client.json(
                                client().post(
                                                "/open311/v2/servicerequestupdates.json",
                                                update(key, request, "777", "OPEN"))
                                        .body())
                        .get(0)
                        .get("update_id")
                        .asString();

        Map<String, Object> reporter =
                jdbc.sql("SELECT * FROM case_update_reporter WHERE case_update_id = :id")
                        .param("id", UUID.fromString(updateId))
                        .query()
                        .singleRow();
        assertThat(reporter)
                .containsEntry("email", "sam.citizen@example.org")
                .containsEntry("first_name", "Sam")
                .containsEntry("last_name", "-");
        // FixMyStreet's get_service_request_updates: W3CDTF dates with an offset, its api_key.
        String window =
                "?start_date="
                        + URLEncoder.encode(w3cdtf(before.minusSeconds(5)), StandardCharsets.UTF_8)
                        + "&end_date="
                        + URLEncoder.encode(
                                w3cdtf(Instant.now().plusSeconds(5)), StandardCharsets.UTF_8)
                        + "&jurisdiction_id=hertfordshire.gov.uk&api_key="
                        + key;
        String shown = client().get("/open311/v2/servicerequestupdates.json" + window).body();
        JsonNode mine = null;
        for (JsonNode update : Open311Client.json(shown)) {
            if (update.get("update_id").asString().equals(updateId)) {
                mine = update;
            }
        }
        assertThat(mine).as(shown).isNotNull();
        assertThat(mine.get("service_request_id").asString()).isEqualTo(request);
        assertThat(mine.get("description").asString())
                .isEqualTo("Still there, and deeper after the rain");
        assertThat(mine.get("media_url").asString())
                .isEqualTo("https://www.fixmystreet.com/photo/c/777.0.full.jpeg");
        assertThat(mine.get("status").asString()).isEqualTo("open");
        assertThat(mine.get("external_status_code").asString()).isEqualTo("submitted");
        assertThat(shown).doesNotContain("sam.citizen").doesNotContain("Sam");
    }

    @Test
    void fixedResolvesACaseBeingWorkedAndReopenReopensItWhileTheCouncilsOwnStatusChangesNothing()
            throws Exception {
        String key = client().issueKey(unique("FixMyStreet States"));
        String request = report(key);
        CaseApi api = new CaseApi(port);
        assertThat(api.post("/api/cases/" + request + "/triage", ADMIN, null).statusCode())
                .isEqualTo(200);

        post(key, request, "1", "NOT_COUNCILS_RESPONSIBILITY");
        String echoed = status(request);
        post(key, request, "2", "FIXED");
        String fixed = status(request);
        post(key, request, "3", "REOPEN");
        String reopened = status(request);
        post(key, request, "4", "CLOSED");
        String closedByPlainOpen311 = status(request);
        post(key, request, "5", "OPEN");
        String openedByPlainOpen311 = status(request);

        assertThat(echoed).isEqualTo("triaged");
        assertThat(fixed).isEqualTo("resolved");
        assertThat(reopened).isEqualTo("reopened");
        assertThat(closedByPlainOpen311).isEqualTo("resolved");
        assertThat(openedByPlainOpen311).isEqualTo("reopened");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(CaseApi.eventTypesFor(UUID.fromString(request)))
                                        .containsSubsequence(
                                                "uk.gov.hertfordshire.case.triaged.v1",
                                                "uk.gov.hertfordshire.case.resolved.v1",
                                                "uk.gov.hertfordshire.case.reopened.v1",
                                                "uk.gov.hertfordshire.case.resolved.v1",
                                                "uk.gov.hertfordshire.case.reopened.v1"));
    }

    @Test
    void anUpdateWrittenBeforeTheCaseLastChangedDoesNotReopenItBesideOneWrittenAfter()
            throws Exception {
        String key = client().issueKey(unique("FixMyStreet Stale"));
        String request = report(key);
        CaseApi api = new CaseApi(port);
        Instant beforeResolution = Instant.now().minusSeconds(60);
        api.post("/api/cases/" + request + "/triage", ADMIN, null);
        api.post("/api/cases/" + request + "/resolve", ADMIN, null);

        Map<String, String> stale = update(key, request, "10", "OPEN");
        stale.put("updated_datetime", w3cdtf(beforeResolution));
        HttpResponse<String> staleAnswer =
                client().post("/open311/v2/servicerequestupdates.xml", stale);
        String afterStale = status(request);
        post(key, request, "11", "OPEN");

        assertThat(staleAnswer.statusCode()).isEqualTo(201);
        assertThat(afterStale).isEqualTo("resolved");
        assertThat(status(request)).isEqualTo("reopened");
    }

    @Test
    void fixedOnACaseTheCouncilHasNotTriagedIsKeptAsAnUpdateOnly() throws Exception {
        String key = client().issueKey(unique("FixMyStreet Early"));
        String request = report(key);

        HttpResponse<String> answer =
                client().post(
                                "/open311/v2/servicerequestupdates.json",
                                update(key, request, "20", "FIXED"));

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(status(request)).isEqualTo("submitted");
        assertThat(citizenUpdates(request)).hasSize(1);
    }

    @Test
    void refusalsNameWhatIsWrongBesideTheSameUpdateWhichIsRecorded() throws Exception {
        String key = client().issueKey(unique("FixMyStreet Refusals"));
        String otherKey = client().issueKey(unique("Another App"));
        String request = report(key);
        String othersRequest = report(otherKey);

        Map<String, String> noUpdateId = update(key, request, "30", "OPEN");
        noUpdateId.remove("update_id");
        Map<String, String> badStatus = update(key, request, "31", "MAYBE");
        Map<String, String> badDate = update(key, request, "32", "OPEN");
        badDate.put("updated_datetime", "yesterday");
        Map<String, String> unknownField = update(key, request, "33", "OPEN");
        unknownField.put("password", "x");
        Map<String, String> noKey = update(key, request, "34", "OPEN");
        noKey.remove("api_key");
        Map<String, String> othersCase = update(key, othersRequest, "35", "OPEN");
        Map<String, String> reusedForAnother = update(key, othersRequest, "36", "OPEN");
        reusedForAnother.put("service_request_id", request);
        client().post("/open311/v2/servicerequestupdates.xml", reusedForAnother);
        reusedForAnother.put("service_request_id", report(key));

        assertRefused(noUpdateId, 400, "update_id was not provided.");
        assertRefused(badStatus, 400, "status must be one of OPEN, CLOSED, FIXED");
        assertRefused(badDate, 400, "updated_datetime must be a W3C date-time");
        assertRefused(
                unknownField, 400, "'password' is not a field of POST Service Request Update.");
        assertRefused(noKey, 403, "api_key is required");
        assertRefused(othersCase, 404, "was not found");
        assertRefused(reusedForAnother, 400, "was already sent for another service_request_id");
        assertThat(
                        client().post(
                                        "/open311/v2/servicerequestupdates.xml",
                                        update(key, request, "37", "OPEN"))
                                .statusCode())
                .isEqualTo(201);
    }

    private void assertRefused(Map<String, String> form, int status, String description)
            throws Exception {
        HttpResponse<String> refused =
                client().post("/open311/v2/servicerequestupdates.json", form);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        JsonNode error = Open311Client.json(refused.body()).get(0);
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("description").asString()).contains(description);
    }

    private void post(String key, String request, String updateId, String status) throws Exception {
        HttpResponse<String> answer =
                client().post(
                                "/open311/v2/servicerequestupdates.xml",
                                update(key, request, updateId, status));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    /**
     * FixMyStreet's POST requests for a UK council: its extended description, the reporter split
     * into first and last name, coordinates, the photo's URL and its extra fields as attributes
     * beside the service's own questions.
     */
    private String report(String key) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jurisdiction_id", "hertfordshire.gov.uk");
        form.put("api_key", key);
        form.put(
                "description",
                "title: Pothole by the zebra crossing\n\ndetail: A large pothole\n\n"
                        + "url: https://www.fixmystreet.com/report/4468321\n\n"
                        + "Submitted via FixMyStreet\n");
        form.put("service_code", "pothole");
        form.put("first_name", "Sam");
        form.put("last_name", "Citizen");
        form.put("email", "sam.citizen@example.org");
        form.put("lat", "51.796012");
        form.put("long", "-0.079034");
        form.put("media_url", "https://www.fixmystreet.com/photo/4468321.0.full.jpeg");
        form.put("attribute[fixmystreet_id]", "4468321");
        form.put("attribute[easting]", "532900");
        form.put("attribute[northing]", "212600");
        form.put("attribute[title]", "Pothole by the zebra crossing");
        form.put("attribute[description]", "A large pothole");
        form.put("attribute[report_url]", "https://www.fixmystreet.com/report/4468321");
        form.put("attribute[closest_address]", "Pegs Lane, Hertford");
        form.put("attribute[where]", "road");
        form.put("attribute[depth]", "40-to-100mm");
        form.put("attribute[size]", "300mm-to-1m");
        HttpResponse<String> created = client().post("/open311/v2/requests.xml", form);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Open311Client.text(
                Open311Client.xml(created.body()).getDocumentElement(), "service_request_id");
    }

    /** FixMyStreet's POST servicerequestupdates for a comment (_populate_..._update_params). */
    private static Map<String, String> update(
            String key, String request, String updateId, String status) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jurisdiction_id", "hertfordshire.gov.uk");
        form.put("api_key", key);
        form.put("updated_datetime", w3cdtf(Instant.now()));
        form.put("service_request_id", request);
        form.put("status", status);
        form.put("description", "Still there, and deeper after the rain");
        form.put("last_name", "-");
        form.put("first_name", "Sam");
        form.put("email", "sam.citizen@example.org");
        form.put("update_id", updateId);
        form.put("media_url", "https://www.fixmystreet.com/photo/c/" + updateId + ".0.full.jpeg");
        return form;
    }

    /** DateTime::Format::W3CDTF on a Europe/London time, to the second: an offset, never "Z". */
    private static String w3cdtf(Instant at) {
        return W3CDTF.format(at.atZone(ZoneId.of("Europe/London")).withNano(0));
    }

    private String status(String request) {
        return jdbc.sql("SELECT status FROM service_case WHERE id = :id")
                .param("id", UUID.fromString(request))
                .query(String.class)
                .single();
    }

    /** The ids of the updates apps relayed on the case. */
    private List<String> citizenUpdates(String request) {
        return jdbc
                .sql(
                        "SELECT id FROM case_update WHERE case_id = :id AND public AND author LIKE"
                                + " 'open311-api-key|%'")
                .param("id", UUID.fromString(request))
                .query(UUID.class)
                .list()
                .stream()
                .map(UUID::toString)
                .toList();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
