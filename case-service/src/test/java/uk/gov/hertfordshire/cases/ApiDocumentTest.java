package uk.gov.hertfordshire.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * case-service's OpenAPI document says what each operation really answers: the status a creation
 * answers (201), errors as problem details on /api and in Open311's own format on /open311, and
 * Open311 anonymous (never inheriting the bearer requirement) with its query parameters and form
 * bodies. What is expected is written out here from the code's behaviour and GeoReport v2's tables.
 */
@PlatformIntegrationTest
class ApiDocumentTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    @Test
    void everyOpen311OperationIsAnonymousAndAnswersInItsExtensionsFormatIncludingErrors()
            throws Exception {
        JsonNode paths = paths();
        List<String> checked = new ArrayList<>();

        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            if (!path.getKey().startsWith("/open311/")) {
                continue;
            }
            String media = path.getKey().endsWith(".json") ? "application/json" : "text/xml";
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                checked.add(name);
                JsonNode security = operation.getValue().path("security");
                assertThat(security.isArray() && security.isEmpty())
                        .as(name + " needs no bearer token")
                        .isTrue();
                JsonNode responses = operation.getValue().path("responses");
                assertThat(statuses(responses, "2")).as(name).isNotEmpty();
                assertThat(statuses(responses, "4")).as(name).contains("404");
                for (Map.Entry<String, JsonNode> response : responses.properties()) {
                    JsonNode content = response.getValue().path("content");
                    assertThat(fields(content))
                            .as(name + " " + response.getKey())
                            .containsExactly(media);
                    if (response.getKey().startsWith("4")) {
                        assertThat(content.path(media).path("schema").path("$ref").asString())
                                .as(name + " " + response.getKey())
                                .isEqualTo("#/components/schemas/Open311Errors");
                    }
                }
            }
        }
        assertThat(checked)
                .contains(
                        "GET /open311/v2/services.xml",
                        "GET /open311/v2/requests.json",
                        "POST /open311/v2/requests.xml",
                        "POST /open311/v2/servicerequestupdates.json",
                        "GET /open311/v2/servicerequestupdates.xml");
    }

    @Test
    void postRequestsDocumentsItsFormItsApiKeyAnd201InXmlBesideAnApiOperationThatNeedsAToken()
            throws Exception {
        JsonNode paths = paths();
        JsonNode post = paths.path("/open311/v2/requests.xml").path("post");
        JsonNode form =
                post.path("requestBody")
                        .path("content")
                        .path("application/x-www-form-urlencoded")
                        .path("schema");
        JsonNode api = paths.path("/api/cases").path("post");

        // GeoReport v2's POST Service Request arguments.
        assertThat(fields(form.path("properties")))
                .containsExactlyInAnyOrder(
                        "api_key",
                        "jurisdiction_id",
                        "service_code",
                        "lat",
                        "long",
                        "address_string",
                        "address_id",
                        "email",
                        "device_id",
                        "account_id",
                        "first_name",
                        "last_name",
                        "phone",
                        "description",
                        "media_url");
        assertThat(values(form.path("required")))
                .containsExactlyInAnyOrder("api_key", "service_code");
        assertThat(form.path("additionalProperties").path("description").asString())
                .contains("attribute[code]");
        assertThat(statuses(post.path("responses"), "")).contains("201", "400", "403", "404");
        assertThat(post.path("responses").has("200")).isFalse();
        assertThat(post.path("responses").path("201").path("content").has("text/xml")).isTrue();
        assertThat(api.has("security")).as("inherits the bearer requirement").isFalse();
        assertThat(
                        api.path("responses")
                                .path("401")
                                .path("content")
                                .has("application/problem+json"))
                .isTrue();
    }

    @Test
    void postServiceRequestUpdatesDocumentsTheExtensionsFormAndItsReplayAnswer() throws Exception {
        JsonNode post = paths().path("/open311/v2/servicerequestupdates.json").path("post");
        JsonNode form =
                post.path("requestBody")
                        .path("content")
                        .path("application/x-www-form-urlencoded")
                        .path("schema");

        assertThat(values(form.path("required")))
                .containsExactlyInAnyOrder(
                        "api_key", "service_request_id", "update_id", "status", "updated_datetime");
        assertThat(fields(form.path("properties")))
                .contains("description", "media_url", "first_name", "last_name", "email");
        assertThat(statuses(post.path("responses"), ""))
                .contains("200", "201", "400", "403", "404", "413", "415");
    }

    @Test
    void theReadsDocumentTheirQueryParameters() throws Exception {
        JsonNode paths = paths();

        assertThat(names(paths.path("/open311/v2/requests.json").path("get").path("parameters")))
                .contains(
                        "jurisdiction_id",
                        "service_request_id",
                        "service_code",
                        "start_date",
                        "end_date",
                        "status",
                        "page",
                        "page_size");
        assertThat(
                        names(
                                paths.path("/open311/v2/servicerequestupdates.xml")
                                        .path("get")
                                        .path("parameters")))
                .contains("jurisdiction_id", "start_date", "end_date");
        assertThat(
                        names(
                                paths.path("/open311/v2/requests/{id}.json")
                                        .path("get")
                                        .path("parameters")))
                .contains("id", "jurisdiction_id");
    }

    @Test
    void operationsThatCreateDocument201AndEveryOperationDocumentsItsErrors() throws Exception {
        JsonNode paths = paths();

        // Each always answers 201 Created with a Location.
        for (String creates :
                List.of(
                        "/api/cases",
                        "/api/catalogue/services",
                        "/api/cases/{id}/updates",
                        "/api/cases/{caseId}/photos",
                        "/api/cases/{id}/fee-payment/start",
                        "/api/open311/keys")) {
            JsonNode responses = paths.path(creates).path("post").path("responses");
            assertThat(fields(responses)).as(creates).contains("201").doesNotContain("200");
        }
        // These answer 201 the first time and 200 when there was nothing new to create.
        for (String createsOnce :
                List.of("/api/cases/{id}/fee-payment", "/api/cases/{id}/supporters")) {
            JsonNode responses = paths.path(createsOnce).path("post").path("responses");
            assertThat(fields(responses)).as(createsOnce).contains("200", "201");
        }
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode responses = operation.getValue().path("responses");
                assertThat(statuses(responses, "4"))
                        .as(name + " documents its errors")
                        .isNotEmpty();
                assertThat(responses.toString()).as(name).doesNotContain("\"*/*\"");
            }
        }
    }

    private JsonNode paths() throws Exception {
        HttpResponse<String> document =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + port
                                                                + "/v3/api-docs"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(document.statusCode()).isEqualTo(200);
        return JSON.readTree(document.body()).path("paths");
    }

    private static Set<String> statuses(JsonNode responses, String prefix) {
        Set<String> statuses = new TreeSet<>();
        for (String status : fields(responses)) {
            if (status.startsWith(prefix)) {
                statuses.add(status);
            }
        }
        return statuses;
    }

    private static List<String> fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<String> names(JsonNode parameters) {
        List<String> names = new ArrayList<>();
        parameters.forEach(parameter -> names.add(parameter.path("name").asString()));
        return names;
    }
}
