package uk.gov.hertfordshire.platform.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/** Every service publishes its OpenAPI document, readable without a token; its API is not. */
@PlatformIntegrationTest
class ApiDocumentationTest {

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

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
