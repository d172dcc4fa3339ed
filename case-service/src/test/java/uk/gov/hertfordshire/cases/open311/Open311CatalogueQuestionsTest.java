package uk.gov.hertfordshire.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * The catalogue's questions as Open311 shows and enforces them: {@code services} says a service has
 * a definition ({@code metadata}), {@code services/{code}} lists its attributes with the spec's
 * fields, and {@code POST requests} needs every required one answered from the allowed values. The
 * expected questions are the ones V8 seeds for a pothole, written out here.
 */
@PlatformIntegrationTest
class Open311CatalogueQuestionsTest {

    /** The fields of an attribute in the spec's service definition example, in its order. */
    static final List<String> SPEC_ATTRIBUTE_FIELDS =
            List.of(
                    "variable",
                    "code",
                    "datatype",
                    "required",
                    "datatype_description",
                    "order",
                    "description",
                    "values");

    @LocalServerPort int port;

    Open311Client client() {
        return new Open311Client(port);
    }

    @Test
    void thePotholeDefinitionListsTheCataloguesQuestionsWithTheSpecsFields() throws Exception {
        HttpResponse<String> response = client().get("/open311/v2/services/pothole.json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode attributes = Open311Client.json(response.body()).get("attributes");
        List<String> codes = new ArrayList<>();
        attributes.forEach(attribute -> codes.add(attribute.get("code").asString()));
        assertThat(codes).containsExactly("where", "depth", "size");
        JsonNode where = attributes.get(0);
        assertThat(Open311Client.fields(where)).containsExactlyElementsOf(SPEC_ATTRIBUTE_FIELDS);
        assertThat(where.get("variable").asBoolean()).isTrue();
        assertThat(where.get("datatype").asString()).isEqualTo("singlevaluelist");
        assertThat(where.get("required").asBoolean()).isTrue();
        assertThat(where.get("order").asInt()).isEqualTo(1);
        assertThat(where.get("description").asString()).isEqualTo("Where is the pothole?");
        List<String> keys = new ArrayList<>();
        where.get("values").forEach(value -> keys.add(value.get("key").asString()));
        assertThat(keys).containsExactly("road", "pavement", "cycle-lane");
    }

    @Test
    void theServiceListSaysWhichServicesHaveQuestions() throws Exception {
        JsonNode services = Open311Client.json(client().get("/open311/v2/services.json").body());

        services.forEach(
                service ->
                        assertThat(service.get("metadata").asBoolean())
                                .as(service.get("service_code").asString())
                                .isTrue());
    }

    @Test
    void aRequestWithoutARequiredAnswerOrWithAnAnswerNotAllowedIsRefusedBesideACompleteOne()
            throws Exception {
        String key = client().issueKey("Questions App");
        Map<String, String> unanswered = Open311Client.pothole(key);
        unanswered.remove("attribute[where]");
        Map<String, String> notAllowed = Open311Client.pothole(key);
        notAllowed.put("attribute[where]", "motorway");
        Map<String, String> complete = Open311Client.pothole(key);
        complete.put("attribute[where]", "cycle-lane");

        HttpResponse<String> refused = client().post("/open311/v2/requests.json", unanswered);
        HttpResponse<String> wrong = client().post("/open311/v2/requests.json", notAllowed);
        HttpResponse<String> accepted = client().post("/open311/v2/requests.json", complete);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("attribute[where]");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("attribute[where]").contains("cycle-lane");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    }

    @Test
    void fixMyStreetsOwnAttributesAreIgnoredNotRefused() throws Exception {
        String key = client().issueKey("FixMyStreet Attributes");
        Map<String, String> report = Open311Client.pothole(key);
        report.put("attribute[fixmystreet_id]", "4242");
        report.put("attribute[easting]", "532456");
        report.put("attribute[northing]", "212345");
        report.put("attribute[title]", "Pothole by the school");
        report.put("attribute[report_url]", "https://www.fixmystreet.com/report/4242");

        HttpResponse<String> accepted = client().post("/open311/v2/requests.json", report);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    }

    /**
     * Open311 answers are held to the catalogue's one rule, as web answers are: a {@code string}
     * answer is at most 250 characters (Open311 once allowed 4000) and a {@code number} is any
     * decimal number (Open311 once checked it as a latitude, refusing 1234.5).
     */
    @Test
    void answersAreCheckedByTheCataloguesLimitsNotLooserOnes() throws Exception {
        String code = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created =
                client().send(
                                HttpRequest.newBuilder(client().uri("/api/catalogue/services"))
                                        .header("Authorization", Open311Client.ADMIN.bearer())
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        benchService(code))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = client().issueKey("Limits App");

        HttpResponse<String> longest =
                client().post(REQUESTS, bench(key, code, "a".repeat(250), "3"));
        HttpResponse<String> tooLong =
                client().post(REQUESTS, bench(key, code, "a".repeat(251), "3"));
        HttpResponse<String> bigNumber = client().post(REQUESTS, bench(key, code, "B12", "1234.5"));
        HttpResponse<String> notNumber = client().post(REQUESTS, bench(key, code, "B12", "twelve"));

        assertThat(longest.statusCode()).as(longest.body()).isEqualTo(201);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("attribute[plate]").contains("250");
        assertThat(bigNumber.statusCode()).as(bigNumber.body()).isEqualTo(201);
        assertThat(notNumber.statusCode()).isEqualTo(400);
        assertThat(notNumber.body()).contains("attribute[slats]").contains("number");
    }

    private static final String REQUESTS = "/open311/v2/requests.json";

    private static String benchService(String code) {
        return """
                {"code":"%s","name":"Broken bench","group":"Parks",
                 "description":"A public bench that is broken.","keywords":"bench",
                 "responseTarget":10,"responseUnit":"working_days","teamCode":"HWY-PARKS",
                 "availableOnline":true,"availableOpen311":true,"publicRealm":true,
                 "attributes":[
                   {"code":"plate","datatype":"string","required":false,
                    "description":"What does the plate on the bench say?"},
                   {"code":"slats","datatype":"number","required":false,
                    "description":"How many slats are broken?"}]}
                """
                .formatted(code);
    }

    private static Map<String, String> bench(String key, String code, String plate, String slats) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", code);
        form.put("lat", "51.796");
        form.put("long", "-0.079");
        form.put("attribute[plate]", plate);
        form.put("attribute[slats]", slats);
        return form;
    }
}
