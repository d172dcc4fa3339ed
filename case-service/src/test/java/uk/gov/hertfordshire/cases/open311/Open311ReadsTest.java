package uk.gov.hertfordshire.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * GET requests, requests/{id} and servicerequestupdates against the spec's examples, and who sees
 * what. Cases are written straight into the table with known times, so expected dates and pages are
 * worked out here by hand, not by the code under test.
 */
@PlatformIntegrationTest
class Open311ReadsTest {

    /** The fields of a request in the spec's GET Service Requests example, in its order. */
    static final List<String> SPEC_REQUEST_FIELDS =
            List.of(
                    "service_request_id",
                    "status",
                    "status_notes",
                    "service_name",
                    "service_code",
                    "description",
                    "agency_responsible",
                    "service_notice",
                    "requested_datetime",
                    "updated_datetime",
                    "expected_datetime",
                    "address",
                    "address_id",
                    "zipcode",
                    "lat",
                    "long",
                    "media_url");

    /**
     * mySociety's GET Service Request Updates: request_update fields, in its table's order, with
     * the extension's optional external_status_code beside the status.
     */
    static final List<String> SPEC_UPDATE_FIELDS =
            List.of(
                    "update_id",
                    "service_request_id",
                    "status",
                    "external_status_code",
                    "updated_datetime",
                    "description",
                    "media_url");

    static final TestIssuer.TokenBuilder ALICE = TestIssuer.shared().citizen("alice-o311");
    static final TestIssuer.TokenBuilder BOB = TestIssuer.shared().citizen("bob-o311");
    static final TestIssuer.TokenBuilder OFFICER =
            TestIssuer.shared().staff("officer-dan", "OFFICER");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    Open311Client client() {
        return new Open311Client(port);
    }

    @Test
    void aRequestInXmlHasTheSpecsFieldsInOrderWithW3cDatesInLondonTime() throws Exception {
        // 09:30 UTC on 1 July 2021 is 10:30 BST (+01:00); due 17:00 BST on 8 July = 16:00 UTC.
        UUID id = insert("pothole", "open311", "submitted", "2021-07-01T09:30:00Z", null);
        jdbc.sql(
                        "UPDATE service_case SET due_at = '2021-07-08T16:00:00Z', address = 'Pegs Lane',"
                                + " uprn = '10033544614' WHERE id = :id")
                .param("id", id)
                .update();

        HttpResponse<String> response = client().get("/open311/v2/requests/" + id + ".xml");

        assertThat(response.statusCode()).isEqualTo(200);
        Document xml = Open311Client.xml(response.body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_requests");
        Element request = (Element) xml.getElementsByTagName("request").item(0);
        assertThat(Open311Client.children(request)).containsExactlyElementsOf(SPEC_REQUEST_FIELDS);
        assertThat(Open311Client.text(request, "status")).isEqualTo("open");
        assertThat(Open311Client.text(request, "requested_datetime"))
                .isEqualTo("2021-07-01T10:30:00+01:00");
        assertThat(Open311Client.text(request, "updated_datetime"))
                .isEqualTo("2021-07-01T10:30:00+01:00");
        assertThat(Open311Client.text(request, "expected_datetime"))
                .isEqualTo("2021-07-08T17:00:00+01:00");
        assertThat(Open311Client.text(request, "address")).isEqualTo("Pegs Lane");
        assertThat(Open311Client.text(request, "address_id")).isEqualTo("10033544614");
        assertThat(Open311Client.text(request, "lat")).isEqualTo("51.796");
        assertThat(Open311Client.text(request, "long")).isEqualTo("-0.079");
        assertThat(Open311Client.text(request, "agency_responsible")).isEqualTo("HWY-INSPECT");
    }

    @Test
    void aRequestInJsonIsAnArrayOfObjectsWithTheSpecsFieldsAndZInWinter() throws Exception {
        // 15 January is GMT: 09:30 UTC is written with Z, like the spec's 2010-01-01T00:00:00Z.
        UUID id = insert("street-light", "web", "closed", "2021-01-15T09:30:00Z", null);
        jdbc.sql("UPDATE service_case SET closed_at = '2021-01-20T12:00:00Z' WHERE id = :id")
                .param("id", id)
                .update();

        HttpResponse<String> response = client().get("/open311/v2/requests/" + id + ".json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode requests = Open311Client.json(response.body());
        assertThat(requests.isArray()).isTrue();
        JsonNode request = requests.get(0);
        assertThat(Open311Client.fields(request)).containsExactlyElementsOf(SPEC_REQUEST_FIELDS);
        assertThat(request.get("status").asString()).isEqualTo("closed");
        assertThat(request.get("requested_datetime").asString()).isEqualTo("2021-01-15T09:30:00Z");
        // "For requests with status=closed, this will be the date the request was closed."
        assertThat(request.get("updated_datetime").asString()).isEqualTo("2021-01-20T12:00:00Z");
        assertThat(request.get("lat").isNumber()).isTrue();
        assertThat(request.get("zipcode").isNull()).isTrue();
    }

    @Test
    void aPersonalServiceRequestIsInvisibleToThePublicBesideAPublicRealmOneThatIsVisible()
            throws Exception {
        String alice = TestIssuer.shared().issuer(TestIssuer.CITIZENS) + "|alice-o311";
        UUID badge = insert("blue-badge", "web", "submitted", Instant.now().toString(), alice);
        UUID pothole = insert("pothole", "web", "submitted", Instant.now().toString(), alice);

        assertThat(client().get("/open311/v2/requests/" + badge + ".xml").statusCode())
                .isEqualTo(404);
        assertThat(client().get("/open311/v2/requests/" + pothole + ".xml").statusCode())
                .isEqualTo(200);
        String listed = client().get("/open311/v2/requests.json").body();
        assertThat(listed).contains(pothole.toString()).doesNotContain(badge.toString());
        String byId =
                client().get(
                                "/open311/v2/requests.json?service_request_id="
                                        + badge
                                        + ","
                                        + pothole)
                        .body();
        assertThat(byId).contains(pothole.toString()).doesNotContain(badge.toString());
    }

    @Test
    void aPersonalServiceRequestIsVisibleToItsOwnerAndStaffButNotAnotherCitizen() throws Exception {
        String alice = TestIssuer.shared().issuer(TestIssuer.CITIZENS) + "|alice-o311";
        UUID badge = insert("blue-badge", "web", "submitted", Instant.now().toString(), alice);
        String path = "/open311/v2/requests/" + badge + ".json";

        HttpResponse<String> owner = client().get(path, "Authorization", ALICE.bearer());
        HttpResponse<String> staff = client().get(path, "Authorization", OFFICER.bearer());
        HttpResponse<String> other = client().get(path, "Authorization", BOB.bearer());

        assertThat(owner.statusCode()).isEqualTo(200);
        assertThat(Open311Client.json(owner.body()).get(0).get("description").asString())
                .isEqualTo("Seen by its owner");
        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void aPublicReadNeverShowsTheReporterAndShowsOnlyOpen311Descriptions() throws Exception {
        String key = client().issueKey("Privacy Check");
        String created =
                Open311Client.json(
                                client().post(
                                                "/open311/v2/requests.json",
                                                Open311Client.pothole(key))
                                        .body())
                        .get(0)
                        .get("service_request_id")
                        .asString();
        UUID byPhone = insert("pothole", "phone", "submitted", Instant.now().toString(), null);

        String open311 = client().get("/open311/v2/requests/" + created + ".xml").body();
        JsonNode phone =
                Open311Client.json(client().get("/open311/v2/requests/" + byPhone + ".json").body())
                        .get(0);

        assertThat(open311)
                .contains("A large pothole by the zebra crossing")
                .contains("https://example.org/photos/1.jpg")
                .doesNotContain("reporter@example.org")
                .doesNotContain("Rhiannon")
                .doesNotContain("07700")
                .doesNotContain("device-123")
                .doesNotContain("account-456")
                .doesNotContain("open311-api-key");
        assertThat(phone.get("description").isNull()).isTrue();
    }

    /**
     * A case a citizen reported on the web (or by phone) is shown to the public by its coordinates
     * only: not the address they typed, its UPRN, their description or the notes written to them
     * (here, why it was rejected). The same case sent through Open311 is the control; staff still
     * see everything.
     */
    @Test
    void aCaseReportedOutsideOpen311ShowsOnlyWhereItIsBesideOneSentThroughOpen311()
            throws Exception {
        String alice = TestIssuer.shared().issuer(TestIssuer.CITIZENS) + "|alice-o311";
        UUID web = privateHome(insert("pothole", "web", "rejected", "2023-02-01T12:00:00Z", alice));
        UUID app =
                privateHome(insert("pothole", "open311", "rejected", "2023-02-01T12:00:00Z", null));
        String window = "?start_date=2023-02-01T00:00:00Z&end_date=2023-02-28T00:00:00Z";

        JsonNode webShown = single("/open311/v2/requests/" + web + ".json");
        JsonNode appShown = single("/open311/v2/requests/" + app + ".json");
        JsonNode staffShown = single("/open311/v2/requests/" + web + ".json", OFFICER);
        String updates = client().get("/open311/v2/servicerequestupdates.json" + window).body();

        assertThat(webShown.get("lat").asDouble()).isEqualTo(51.796);
        assertThat(webShown.get("address").isNull()).isTrue();
        assertThat(webShown.get("address_id").isNull()).isTrue();
        assertThat(webShown.get("description").isNull()).isTrue();
        assertThat(webShown.get("status_notes").isNull()).isTrue();
        assertThat(appShown.get("address").asString()).isEqualTo(HOME);
        assertThat(appShown.get("address_id").asString()).isEqualTo("10033544614");
        assertThat(appShown.get("status_notes").asString()).isEqualTo(REASON);
        assertThat(staffShown.get("address").asString()).isEqualTo(HOME);
        assertThat(staffShown.get("status_notes").asString()).isEqualTo(REASON);
        JsonNode webUpdate = updateOf(updates, web);
        // A rejection: the extension's "no further action", with the case's own status beside it.
        assertThat(webUpdate.get("status").asString()).isEqualTo("no_further_action");
        assertThat(webUpdate.get("external_status_code").asString()).isEqualTo("rejected");
        assertThat(webUpdate.get("description").isNull()).isTrue();
        assertThat(updateOf(updates, app).get("description").asString()).isEqualTo(REASON);
    }

    private static final String HOME = "12 Acacia Avenue, Hertford SG13 7AA";
    private static final String REASON = "This is your private driveway, not a public road.";

    private UUID privateHome(UUID id) {
        jdbc.sql(
                        "UPDATE service_case SET address = :home, uprn = '10033544614'"
                                + " WHERE id = :id")
                .param("home", HOME)
                .param("id", id)
                .update();
        update(id, "rejected", REASON, true, "2023-02-02T09:00:00Z");
        return id;
    }

    private JsonNode single(String path, TestIssuer.TokenBuilder... reader) throws Exception {
        HttpResponse<String> response =
                reader.length == 0
                        ? client().get(path)
                        : client().get(path, "Authorization", reader[0].bearer());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Open311Client.json(response.body()).get(0);
    }

    private static JsonNode updateOf(String json, UUID caseId) {
        for (JsonNode update : Open311Client.json(json)) {
            if (update.get("service_request_id").asString().equals(caseId.toString())) {
                return update;
            }
        }
        throw new AssertionError("no update of " + caseId + " in " + json);
    }

    /**
     * FixMyStreet looks a request up again with a window ending at the requested_datetime it was
     * shown, to the second; the stored time has a fraction of a second more. The window one second
     * earlier is the control.
     */
    @Test
    void aWindowEndingAtTheShownRequestedDatetimeIncludesTheRequest() throws Exception {
        UUID id = insert("pothole", "open311", "submitted", "2022-05-01T10:00:00.734512Z", null);
        String shown =
                single("/open311/v2/requests/" + id + ".json").get("requested_datetime").asString();
        String window =
                "/open311/v2/requests.json?service_code=pothole&start_date=2022-05-01T09:00:00Z&end_date=";

        List<String> toShown = ids(client().get(window + shown.replace("+", "%2B")).body());
        List<String> secondBefore =
                ids(client().get(window + "2022-05-01T10:59:59%2B01:00").body());

        assertThat(shown).isEqualTo("2022-05-01T11:00:00+01:00");
        assertThat(toShown).contains(id.toString());
        assertThat(secondBefore).doesNotContain(id.toString());
    }

    @Test
    void aDateTheDatabaseCannotHoldIsA400NamingTheParameterBesideAnOrdinaryDate() throws Exception {
        HttpResponse<String> farFuture =
                client().get("/open311/v2/requests.json?start_date=%2B300000000-01-01T00:00:00Z");
        HttpResponse<String> ordinary =
                client().get("/open311/v2/requests.json?start_date=2022-01-01T00:00:00Z");

        assertThat(farFuture.statusCode()).isEqualTo(400);
        assertThat(farFuture.body()).contains("start_date").contains("0001 to 9999");
        assertThat(ordinary.statusCode()).isEqualTo(200);
    }

    @Test
    void startAndEndDateSelectByRequestedDatetimeInclusively() throws Exception {
        UUID before = insert("road-sign", "web", "submitted", "2022-03-01T08:59:59Z", null);
        UUID first = insert("road-sign", "web", "submitted", "2022-03-01T09:00:00Z", null);
        UUID last = insert("road-sign", "web", "submitted", "2022-03-10T09:00:00Z", null);
        UUID after = insert("road-sign", "web", "submitted", "2022-03-10T09:00:01Z", null);

        List<String> found =
                ids(
                        client().get(
                                        "/open311/v2/requests.json?service_code=road-sign"
                                                + "&start_date=2022-03-01T09:00:00Z"
                                                + "&end_date=2022-03-10T10:00:00%2B01:00")
                                .body());

        assertThat(found).containsExactly(last.toString(), first.toString());
        assertThat(found).doesNotContain(before.toString(), after.toString());
    }

    @Test
    void pagesSplitTheResultsNewestFirst() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            ids.add(
                    insert(
                            "overgrown-vegetation",
                            "web",
                            "submitted",
                            "2022-05-0" + day + "T12:00:00Z",
                            null));
        }
        String window =
                "/open311/v2/requests.json?service_code=overgrown-vegetation"
                        + "&start_date=2022-05-01T00:00:00Z&end_date=2022-05-31T00:00:00Z";

        List<String> page1 = ids(client().get(window + "&page_size=2&page=1").body());
        List<String> page2 = ids(client().get(window + "&page_size=2&page=2").body());
        List<String> page3 = ids(client().get(window + "&page_size=2&page=3").body());

        // Newest first: 5 May, 4 May | 3 May, 2 May | 1 May.
        assertThat(page1).containsExactly(ids.get(4).toString(), ids.get(3).toString());
        assertThat(page2).containsExactly(ids.get(2).toString(), ids.get(1).toString());
        assertThat(page3).containsExactly(ids.get(0).toString());
    }

    @Test
    void statusSelectsOpenOrClosedRequests() throws Exception {
        UUID open =
                insert("fly-tipping-highway", "web", "in_progress", "2022-06-01T12:00:00Z", null);
        UUID closed =
                insert("fly-tipping-highway", "web", "rejected", "2022-06-02T12:00:00Z", null);
        String window =
                "/open311/v2/requests.json?service_code=fly-tipping-highway"
                        + "&start_date=2022-06-01T00:00:00Z&end_date=2022-06-30T00:00:00Z";

        assertThat(ids(client().get(window + "&status=open").body()))
                .containsExactly(open.toString());
        assertThat(ids(client().get(window + "&status=closed").body()))
                .containsExactly(closed.toString());
        assertThat(ids(client().get(window + "&status=open,closed").body()))
                .containsExactly(closed.toString(), open.toString());
    }

    @Test
    void aWindowOfMoreThan90DaysIsRefusedBesideOneOfExactly90() throws Exception {
        // 1 Jan + 90 days = 1 Apr 2022 (31 + 28 + 31 days to 1 Apr, i.e. 90).
        HttpResponse<String> ninety =
                client().get(
                                "/open311/v2/requests.xml?start_date=2022-01-01T00:00:00Z"
                                        + "&end_date=2022-04-01T00:00:00Z");
        HttpResponse<String> longer =
                client().get(
                                "/open311/v2/requests.xml?start_date=2022-01-01T00:00:00Z"
                                        + "&end_date=2022-04-01T00:00:01Z");

        assertThat(ninety.statusCode()).isEqualTo(200);
        assertThat(longer.statusCode()).isEqualTo(400);
        assertThat(
                        Open311Client.text(
                                Open311Client.xml(longer.body()).getDocumentElement(),
                                "description"))
                .contains("90 days");
    }

    @Test
    void statusNotesAreTheLatestPublicUpdateAndUpdatesListOnlyPublicOnes() throws Exception {
        UUID id = insert("drain-flooding", "open311", "in_progress", "2022-07-01T12:00:00Z", null);
        UUID publicUpdate =
                update(id, "in_progress", "Crew booked for Tuesday", true, "2022-07-02T08:00:00Z");
        UUID internal =
                update(
                        id,
                        "in_progress",
                        "Internal: contractor overbooked",
                        false,
                        "2022-07-03T08:00:00Z");

        JsonNode request =
                Open311Client.json(client().get("/open311/v2/requests/" + id + ".json").body())
                        .get(0);
        HttpResponse<String> updates =
                client().get(
                                "/open311/v2/servicerequestupdates.xml"
                                        + "?start_date=2022-07-01T00:00:00Z"
                                        + "&end_date=2022-07-31T00:00:00Z");

        assertThat(request.get("status_notes").asString()).isEqualTo("Crew booked for Tuesday");
        assertThat(updates.statusCode()).isEqualTo(200);
        Document xml = Open311Client.xml(updates.body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_request_updates");
        NodeList items = xml.getElementsByTagName("request_update");
        List<String> updateIds = new ArrayList<>();
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            assertThat(Open311Client.children(item)).containsExactlyElementsOf(SPEC_UPDATE_FIELDS);
            updateIds.add(Open311Client.text(item, "update_id"));
        }
        assertThat(updateIds).contains(publicUpdate.toString()).doesNotContain(internal.toString());
        assertThat(updates.body())
                .contains("<updated_datetime>2022-07-02T09:00:00+01:00</updated_datetime>")
                .doesNotContain("overbooked");
    }

    @Test
    void updatesOutsideTheWindowAreNotListed() throws Exception {
        UUID id = insert("rights-of-way", "web", "resolved", "2022-08-01T12:00:00Z", null);
        UUID inside = update(id, "resolved", "Stile repaired", true, "2022-08-05T08:00:00Z");
        UUID outside = update(id, "resolved", "Checked again", true, "2022-09-05T08:00:00Z");

        String json =
                client().get(
                                "/open311/v2/servicerequestupdates.json"
                                        + "?start_date=2022-08-01T00:00:00Z"
                                        + "&end_date=2022-08-31T00:00:00Z")
                        .body();

        assertThat(json).contains(inside.toString()).doesNotContain(outside.toString());
        JsonNode first = Open311Client.json(json).get(0);
        assertThat(Open311Client.fields(first)).containsExactlyElementsOf(SPEC_UPDATE_FIELDS);
        assertThat(first.get("status").asString()).isEqualTo("fixed");
        assertThat(first.get("external_status_code").asString()).isEqualTo("resolved");
    }

    private List<String> ids(String json) {
        List<String> ids = new ArrayList<>();
        for (JsonNode request : Open311Client.json(json)) {
            ids.add(request.get("service_request_id").asString());
        }
        return ids;
    }

    private UUID insert(
            String service, String channel, String status, String submittedAt, String submittedBy) {
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        "INSERT INTO service_case (id, service_code, channel, description, latitude,"
                                + " longitude, status, submitted_at, submitted_by) VALUES (:id,"
                                + " :service, :channel, 'Seen by its owner', 51.796, -0.079,"
                                + " :status, :at, :by)")
                .param("id", id)
                .param("service", service)
                .param("channel", channel)
                .param("status", status)
                .param("at", Timestamp.from(Instant.parse(submittedAt)))
                .param("by", submittedBy)
                .update();
        return id;
    }

    private UUID update(UUID caseId, String status, String text, boolean isPublic, String at) {
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        "INSERT INTO case_update (id, case_id, status, description, public, author,"
                                + " created_at) VALUES (:id, :case, :status, :text, :public,"
                                + " 'officer-dan', :at)")
                .param("id", id)
                .param("case", caseId)
                .param("status", status)
                .param("text", text)
                .param("public", isPublic)
                .param("at", Timestamp.from(Instant.parse(at)))
                .update();
        return id;
    }
}
