package uk.gov.hertfordshire.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Errors under /open311 in the spec's format ("errors ⇊ error ↴ code, description"; XML, or JSON
 * for a .json resource) with its status codes: "404 for resources that don't exist, 403 for errors
 * because of wrong or missing api_key and basically 400 for any other error" — including what the
 * service's shared security and HTTP layers refuse (401, 405, 413, 415), never problem details.
 */
@PlatformIntegrationTest
class Open311ErrorsTest {

    @LocalServerPort int port;

    Open311Client client() {
        return new Open311Client(port);
    }

    @Test
    void anotherJurisdictionIs404BesideOursAndNoneWhichAreFine() throws Exception {
        // Spec: "404 - jurisdiction_id provided was not found"; one jurisdiction, so optional.
        HttpResponse<String> other =
                client().get("/open311/v2/services.xml?jurisdiction_id=sfgov.org");
        HttpResponse<String> ours =
                client().get("/open311/v2/services.xml?jurisdiction_id=hertfordshire.gov.uk");
        HttpResponse<String> none = client().get("/open311/v2/services.xml");
        HttpResponse<String> empty = client().get("/open311/v2/requests.json?jurisdiction_id=");

        assertThat(other.statusCode()).isEqualTo(404);
        assertXmlError(other, 404);
        assertThat(ours.statusCode()).isEqualTo(200);
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(empty.statusCode()).isEqualTo(200);
    }

    @Test
    void anInvalidBearerTokenIs401InOpen311JsonBesideAValidOneThatReads() throws Exception {
        String expired = TestIssuer.shared().citizen("alice").expired().bearer();
        String valid = TestIssuer.shared().citizen("alice").bearer();

        HttpResponse<String> refused =
                client().get("/open311/v2/requests.json", "Authorization", expired);
        HttpResponse<String> accepted =
                client().get("/open311/v2/requests.json", "Authorization", valid);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/json");
        JsonNode errors = Open311Client.json(refused.body());
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(401);
        assertThat(Open311Client.fields(errors.get(0))).containsExactly("code", "description");
        assertThat(accepted.statusCode()).isEqualTo(200);
    }

    @Test
    void anUnsupportedMethodIs405InOpen311Xml() throws Exception {
        HttpResponse<String> deleted =
                client().send(
                                HttpRequest.newBuilder(client().uri("/open311/v2/requests.xml"))
                                        .DELETE());

        assertThat(deleted.statusCode()).isEqualTo(405);
        assertXmlError(deleted, 405);
    }

    @Test
    void aMethodOpen311DoesNotOfferOnAKnownPathIs405InItsFormatNeverA401() throws Exception {
        HttpResponse<String> postServices = send("POST", "/open311/v2/services.json");
        HttpResponse<String> putRequests = send("PUT", "/open311/v2/requests.json");
        HttpResponse<String> patchUpdates = send("PATCH", "/open311/v2/servicerequestupdates.xml");
        HttpResponse<String> deleteDefinition = send("DELETE", "/open311/v2/services/pothole.json");
        HttpResponse<String> getServices = send("GET", "/open311/v2/services.json");

        assertJsonError(postServices, 405);
        assertJsonError(putRequests, 405);
        assertXmlError(patchUpdates, 405);
        assertJsonError(deleteDefinition, 405);
        assertThat(getServices.statusCode()).isEqualTo(200);
    }

    @Test
    void aPathOpen311DoesNotHaveIs404InItsFormatWhateverTheMethodNeverA401() throws Exception {
        HttpResponse<String> postNothing = send("POST", "/open311/v2/nothing-here.json");
        HttpResponse<String> getOutsideV2 = send("GET", "/open311/discovery.xml");
        HttpResponse<String> postOutsideV2 = send("POST", "/open311/v3/requests.json");
        HttpResponse<String> getUpdates = send("GET", "/open311/v2/servicerequestupdates.json");

        assertJsonError(postNothing, 404);
        assertXmlError(getOutsideV2, 404);
        assertJsonError(postOutsideV2, 404);
        assertThat(getUpdates.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client().send(
                        HttpRequest.newBuilder(client().uri(path))
                                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static void assertJsonError(HttpResponse<String> response, int code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/json");
        JsonNode errors = Open311Client.json(response.body());
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(code);
        assertThat(Open311Client.fields(errors.get(0))).containsExactly("code", "description");
    }

    @Test
    void aJsonBodyIs415BesideTheSpecsFormWhichIsRead() throws Exception {
        String key = client().issueKey("Media Type Check");
        HttpResponse<String> json =
                client().send(
                                HttpRequest.newBuilder(client().uri("/open311/v2/requests.xml"))
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"api_key\":\"" + key + "\"}")));
        HttpResponse<String> form =
                client().post("/open311/v2/requests.xml", Open311Client.pothole(key));

        assertThat(json.statusCode()).isEqualTo(415);
        assertXmlError(json, 415);
        assertThat(form.statusCode()).isEqualTo(201);
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        String key = client().issueKey("Size Check");
        java.util.Map<String, String> huge = Open311Client.pothole(key);
        huge.put("description", "x".repeat(ApiKeyFilter.MAX_BODY_BYTES));

        HttpResponse<String> refused = client().post("/open311/v2/requests.json", huge);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(Open311Client.json(refused.body()).get(0).get("code").asInt()).isEqualTo(413);
    }

    @Test
    void anUnknownResourceIs404AndAnUnknownRequestIdToo() throws Exception {
        assertXmlError(client().get("/open311/v2/nothing-here.xml"), 404);
        HttpResponse<String> noRequest =
                client().get("/open311/v2/requests/3f0e6b2a-1c6d-4d38-9d7e-6a4d1f1e2b10.json");
        assertThat(noRequest.statusCode()).isEqualTo(404);
        assertThat(Open311Client.json(noRequest.body()).get(0).get("code").asInt()).isEqualTo(404);
        assertThat(client().get("/open311/v2/requests/not-a-uuid.json").statusCode())
                .isEqualTo(404);
    }

    @Test
    void badParametersAre400() throws Exception {
        assertXmlError(client().get("/open311/v2/requests.xml?start_date=2022-01-01"), 400);
        assertXmlError(client().get("/open311/v2/requests.xml?status=pending"), 400);
        assertXmlError(client().get("/open311/v2/requests.xml?page_size=1001"), 400);
        assertXmlError(client().get("/open311/v2/requests.xml?page=0"), 400);
        assertXmlError(
                client().get(
                                "/open311/v2/requests.xml?start_date=2022-02-01T00:00:00Z"
                                        + "&end_date=2022-01-01T00:00:00Z"),
                400);
        assertThat(client().get("/open311/v2/requests.xml?page_size=1000&page=2").statusCode())
                .isEqualTo(200);
    }

    private static void assertXmlError(HttpResponse<String> response, int code) throws Exception {
        assertThat(response.statusCode()).isEqualTo(code);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/xml");
        Document xml = Open311Client.xml(response.body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(Open311Client.text(xml.getDocumentElement(), "code"))
                .isEqualTo(String.valueOf(code));
        assertThat(Open311Client.text(xml.getDocumentElement(), "description")).isNotBlank();
    }
}
