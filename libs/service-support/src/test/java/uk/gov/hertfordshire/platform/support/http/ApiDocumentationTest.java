package uk.gov.hertfordshire.platform.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/** Every service publishes its OpenAPI document, readable without a token; its API is not. */
@PlatformIntegrationTest
class ApiDocumentationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    @Test
    void theOpenApiDocumentIsPublicAndDeclaresBearerTokensWhileTheApiItDescribesIsNot()
            throws Exception {
        HttpResponse<String> document = get("/v3/api-docs");
        HttpResponse<String> operation = get("/widgets/anything");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body())
                .contains("\"openapi\":\"3.")
                .contains("/widgets")
                .contains("\"bearerFormat\":\"JWT\"");
        assertThat(operation.statusCode()).isEqualTo(401);
    }

    @Test
    void everyOperationDocumentsItsErrorResponsesAsProblemDetails() throws Exception {
        JsonNode paths = JSON.readTree(get("/v3/api-docs").body()).path("paths");
        List<String> operations = new ArrayList<>();

        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode responses = operation.getValue().path("responses");
                List<String> errors =
                        responses.properties().stream()
                                .map(Map.Entry::getKey)
                                .filter(status -> status.startsWith("4"))
                                .toList();
                assertThat(errors).as(name + " documents its 4xx answers").isNotEmpty();
                for (String status : errors) {
                    assertThat(
                                    responses
                                            .path(status)
                                            .path("content")
                                            .has("application/problem+json"))
                            .as(name + " " + status + " is a problem document")
                            .isTrue();
                }
                assertThat(responses.toString()).as(name).doesNotContain("\"*/*\"");
            }
        }
        assertThat(operations).contains("GET /whoami", "POST /widgets", "GET /notices");
    }

    @Test
    void anOperationOpenWithoutATokenSaysSoBesideOneThatNeedsATokenAndCanRefuseIt()
            throws Exception {
        JsonNode paths = JSON.readTree(get("/v3/api-docs").body()).path("paths");
        JsonNode open = paths.path("/notices").path("get");
        JsonNode closed = paths.path("/notices").path("post");

        assertThat(open.path("security").isArray()).isTrue();
        assertThat(open.path("security")).isEmpty();
        assertThat(open.path("responses").has("403")).isFalse();
        assertThat(closed.has("security")).as("inherits the bearer requirement").isFalse();
        assertThat(closed.path("responses").has("401")).isTrue();
        assertThat(closed.path("responses").has("403")).isTrue();
        assertThat(get("/notices").statusCode()).isEqualTo(200);
        assertThat(post("/notices").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
