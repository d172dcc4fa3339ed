package uk.gov.hertfordshire.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

/** POST Service Request as GeoReport v2 defines it, and what it stores and publishes. */
@PlatformIntegrationTest
class Open311SubmissionTest {

    /** The response fields of POST Service Request, in the spec's table order. */
    static final List<String> SPEC_RESPONSE_FIELDS =
            List.of("service_request_id", "token", "service_notice", "account_id");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    Open311Client client() {
        return new Open311Client(port);
    }

    @Test
    void aPostAnswersLikeTheSpecsExampleAndTheCaseIsOpen311AsTheAppsWithItsAddress()
            throws Exception {
        String key = client().issueKey("FixMyStreet");
        Map<String, String> form = Open311Client.pothole(key);
        form.put("address_id", "10033544614");

        HttpResponse<String> created = client().post("/open311/v2/requests.xml", form);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type").orElseThrow())
                .isEqualToIgnoringCase("text/xml;charset=UTF-8");
        // Spec example: <service_requests><request><service_request_id>293944</...>
        Document xml = Open311Client.xml(created.body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_requests");
        assertThat(Open311Client.children(xml.getDocumentElement())).containsExactly("request");
        Element request = (Element) xml.getElementsByTagName("request").item(0);
        // "service_request_id ... token: use this to get the service_request_id": one or the
        // other, and the id exists at once.
        assertThat(Open311Client.children(request))
                .isSubsetOf(SPEC_RESPONSE_FIELDS)
                .containsSubsequence("service_request_id", "service_notice")
                .doesNotContain("token");
        String id = Open311Client.text(request, "service_request_id");
        assertThat(Open311Client.text(request, "service_notice"))
                .isEqualTo("Hertfordshire County Council aims to respond within 5 working days.");

        Map<String, Object> stored =
                jdbc.sql(
                                "SELECT channel, submitted_by, address, uprn, latitude, status"
                                        + " FROM service_case WHERE id = :id")
                        .param("id", UUID.fromString(id))
                        .query()
                        .singleRow();
        String keyId = keyId("FixMyStreet");
        assertThat(stored)
                .containsEntry("channel", "open311")
                .containsEntry("submitted_by", "open311-api-key|" + keyId)
                .containsEntry("address", "Pegs Lane, Hertford, SG13 8DQ")
                .containsEntry("uprn", "10033544614")
                .containsEntry("latitude", 51.7960)
                .containsEntry("status", "submitted");
    }

    @Test
    void theReportersDetailsGoToTheirOwnTableAndNeverIntoTheEvent() throws Exception {
        String key = client().issueKey("Reporter Check");

        HttpResponse<String> created =
                client().post("/open311/v2/requests.json", Open311Client.pothole(key));

        assertThat(created.statusCode()).isEqualTo(201);
        // Spec example (JSON): [{"service_request_id":293944,"service_notice":"...",...}]
        JsonNode response = Open311Client.json(created.body());
        assertThat(response.isArray()).isTrue();
        assertThat(Open311Client.fields(response.get(0))).isSubsetOf(SPEC_RESPONSE_FIELDS);
        String id = response.get(0).get("service_request_id").asString();
        Map<String, Object> reporter =
                jdbc.sql("SELECT * FROM case_reporter WHERE case_id = :id")
                        .param("id", UUID.fromString(id))
                        .query()
                        .singleRow();
        assertThat(reporter)
                .containsEntry("email", "reporter@example.org")
                .containsEntry("first_name", "Rhiannon")
                .containsEntry("last_name", "Reporter")
                .containsEntry("phone", "07700 900456")
                .containsEntry("device_id", "device-123")
                .containsEntry("account_id", "account-456");

        List<ConsumerRecord<String, byte[]>> events =
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> eventsFor(id), list -> list.size() == 1);
        String payload = new String(events.get(0).value(), StandardCharsets.UTF_8);
        assertThat(payload)
                .contains("\"channel\":\"open311\"")
                .contains("\"serviceCode\":\"pothole\"");
        assertThat(
                        new String(
                                events.get(0).headers().lastHeader("ce_type").value(),
                                StandardCharsets.UTF_8))
                .isEqualTo("uk.gov.hertfordshire.case.submitted.v1");
        assertThat(payload)
                .doesNotContain("reporter@example.org")
                .doesNotContain("Rhiannon")
                .doesNotContain("07700")
                .doesNotContain("device-123")
                .doesNotContain("account-456")
                .doesNotContain("zebra crossing")
                .doesNotContain("Pegs Lane");
    }

    @Test
    void theTokenResolvesToTheServiceRequestId() throws Exception {
        String key = client().issueKey("Token Check");
        JsonNode created =
                Open311Client.json(
                                client().post(
                                                "/open311/v2/requests.json",
                                                Open311Client.pothole(key))
                                        .body())
                        .get(0);

        String token =
                jdbc.sql("SELECT token FROM open311_request WHERE case_id = :id")
                        .param("id", UUID.fromString(created.get("service_request_id").asString()))
                        .query(String.class)
                        .single();
        HttpResponse<String> resolved = client().get("/open311/v2/tokens/" + token + ".xml");
        HttpResponse<String> unknown = client().get("/open311/v2/tokens/no-such-token.xml");

        // Spec example: <service_requests><request><service_request_id>638344</...><token>12345
        assertThat(resolved.statusCode()).isEqualTo(200);
        Document xml = Open311Client.xml(resolved.body());
        Element request = (Element) xml.getElementsByTagName("request").item(0);
        assertThat(Open311Client.children(request)).containsExactly("service_request_id", "token");
        assertThat(Open311Client.text(request, "service_request_id"))
                .isEqualTo(created.get("service_request_id").asString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstAnswerAndStoresOneCase() throws Exception {
        String key = client().issueKey("Retrying App");
        String idempotencyKey = UUID.randomUUID().toString();
        long before = cases();

        HttpResponse<String> first =
                client().post(
                                "/open311/v2/requests.json",
                                Open311Client.pothole(key),
                                "Idempotency-Key",
                                idempotencyKey);
        HttpResponse<String> repeat =
                client().post(
                                "/open311/v2/requests.json",
                                Open311Client.pothole(key),
                                "Idempotency-Key",
                                idempotencyKey);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(cases()).isEqualTo(before + 1);
    }

    @Test
    void twoAppsUsingTheSameIdempotencyKeyEachGetTheirOwnCase() throws Exception {
        String idempotencyKey = UUID.randomUUID().toString();
        Map<String, String> first = Open311Client.pothole(client().issueKey("App One"));
        Map<String, String> second = Open311Client.pothole(client().issueKey("App Two"));

        HttpResponse<String> one =
                client().post(
                                "/open311/v2/requests.json",
                                first,
                                "Idempotency-Key",
                                idempotencyKey);
        HttpResponse<String> two =
                client().post(
                                "/open311/v2/requests.json",
                                second,
                                "Idempotency-Key",
                                idempotencyKey);

        assertThat(one.statusCode()).isEqualTo(201);
        assertThat(two.statusCode()).isEqualTo(201);
        assertThat(two.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(Open311Client.json(two.body()).get(0).get("service_request_id").asString())
                .isNotEqualTo(
                        Open311Client.json(one.body()).get(0).get("service_request_id").asString());
    }

    @Test
    void anAddressStringAloneIsALocationButNoLocationAtAllIsRefused() throws Exception {
        String key = client().issueKey("Location Check");
        Map<String, String> addressOnly = Open311Client.pothole(key);
        addressOnly.remove("lat");
        addressOnly.remove("long");
        Map<String, String> nowhere = Open311Client.pothole(key);
        nowhere.remove("lat");
        nowhere.remove("long");
        nowhere.remove("address_string");
        long before = cases();

        HttpResponse<String> refused = client().post("/open311/v2/requests.json", nowhere);
        HttpResponse<String> accepted = client().post("/open311/v2/requests.json", addressOnly);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Open311Client.json(refused.body()).get(0).get("description").asString())
                .contains("lat and long, address_string or address_id");
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(cases()).isEqualTo(before + 1);
    }

    @Test
    void aPointOutsideTheUnitedKingdomOrOnlyHalfAPointIsRefused() throws Exception {
        String key = client().issueKey("Geo Check");
        Map<String, String> sanFrancisco = Open311Client.pothole(key);
        sanFrancisco.put("lat", "37.76524078");
        sanFrancisco.put("long", "-122.4212043");
        Map<String, String> latOnly = Open311Client.pothole(key);
        latOnly.remove("long");

        HttpResponse<String> outside = client().post("/open311/v2/requests.json", sanFrancisco);
        HttpResponse<String> half = client().post("/open311/v2/requests.json", latOnly);

        assertThat(outside.statusCode()).isEqualTo(400);
        assertThat(outside.body()).contains("outside the United Kingdom");
        assertThat(half.statusCode()).isEqualTo(400);
        assertThat(half.body()).contains("lat and long both need to be sent");
    }

    @Test
    void aServiceNotOfferedThroughOpen311Is404AndAMissingServiceCodeIs400() throws Exception {
        // Spec: "404 - service_code or jurisdiction_id was not found", "400 - ... not provided".
        String key = client().issueKey("Code Check");
        Map<String, String> blueBadge = Open311Client.pothole(key);
        blueBadge.put("service_code", "blue-badge");
        Map<String, String> noCode = Open311Client.pothole(key);
        noCode.remove("service_code");
        long before = cases();

        assertThat(client().post("/open311/v2/requests.xml", blueBadge).statusCode())
                .isEqualTo(404);
        assertThat(client().post("/open311/v2/requests.xml", noCode).statusCode()).isEqualTo(400);
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void aFieldThatIsNotTheSpecsIsRefusedByName() throws Exception {
        Map<String, String> form = Open311Client.pothole(client().issueKey("Strict Check"));
        form.put("status", "closed");

        HttpResponse<String> refused = client().post("/open311/v2/requests.json", form);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("'status' is not a field of POST Service Request");
    }

    @Test
    void aDescriptionOfUpTo4000CharactersIsAcceptedAndOneLongerIsRefused() throws Exception {
        // Spec: "free form text limited to 4,000 characters".
        String key = client().issueKey("Length Check");
        Map<String, String> longest = Open311Client.pothole(key);
        longest.put("description", "x".repeat(4000));
        Map<String, String> tooLong = Open311Client.pothole(key);
        tooLong.put("description", "x".repeat(4001));

        assertThat(client().post("/open311/v2/requests.json", longest).statusCode()).isEqualTo(201);
        assertThat(client().post("/open311/v2/requests.json", tooLong).statusCode()).isEqualTo(400);
    }

    private String keyId(String name) {
        return jdbc.sql("SELECT id FROM open311_api_key WHERE name = :name")
                .param("name", name)
                .query(UUID.class)
                .single()
                .toString();
    }

    private long cases() {
        return jdbc.sql("SELECT count(*) FROM service_case").query(Long.class).single();
    }

    private List<ConsumerRecord<String, byte[]>> eventsFor(String id) {
        return KafkaTopicReader.readAll(
                        TestInfrastructure.shared().kafkaBootstrapServers(), Topics.CASES)
                .stream()
                .filter(r -> id.equals(r.key()))
                .toList();
    }
}
