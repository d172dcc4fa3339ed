package uk.gov.hertfordshire.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
}
