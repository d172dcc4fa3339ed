package uk.gov.hertfordshire.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Document;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * API keys: POST requests needs one ("Requires API Key: Yes"; "403 - Missing or Invalid API Key"),
 * ADMIN issues, lists and revokes them, and only a hash is stored.
 */
@PlatformIntegrationTest
class Open311ApiKeyTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    Open311Client client() {
        return new Open311Client(port);
    }

    @Test
    void aRequestWithoutAnApiKeyIsRefusedWith403BesideTheSameRequestWithAValidKey()
            throws Exception {
        String key = client().issueKey("Civic App");
        Map<String, String> withoutKey = Open311Client.pothole(key);
        withoutKey.remove("api_key");
        long before = cases();

        HttpResponse<String> refused = client().post("/open311/v2/requests.xml", withoutKey);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/xml");
        // Spec: <errors><error><code>403</code><description>...</description></error></errors>
        Document errors = Open311Client.xml(refused.body());
        assertThat(errors.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(Open311Client.children(errors.getDocumentElement())).containsExactly("error");
        assertThat(
                        Open311Client.children(
                                (org.w3c.dom.Element) errors.getElementsByTagName("error").item(0)))
                .containsExactly("code", "description");
        assertThat(Open311Client.text(errors.getDocumentElement(), "code")).isEqualTo("403");
        assertThat(cases()).isEqualTo(before);

        HttpResponse<String> accepted =
                client().post("/open311/v2/requests.xml", Open311Client.pothole(key));
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(cases()).isEqualTo(before + 1);
    }

    @Test
    void anUnknownKeyIsRefusedInJsonForAJsonRequest() throws Exception {
        HttpResponse<String> refused =
                client().post(
                                "/open311/v2/requests.json",
                                Open311Client.pothole(ApiKeys.PREFIX + "not-a-key-we-issued"));

        assertThat(refused.statusCode()).isEqualTo(403);
        // Spec: [{"code":403,"description":"Invalid api_key received -- can't proceed with
        // create_request."}]
        JsonNode errors = Open311Client.json(refused.body());
        assertThat(errors.isArray()).isTrue();
        assertThat(Open311Client.fields(errors.get(0))).containsExactly("code", "description");
        assertThat(errors.get(0).get("code").isNumber()).isTrue();
        assertThat(errors.get(0).get("code").asInt()).isEqualTo(403);
        assertThat(errors.get(0).get("description").asString())
                .isEqualTo("Invalid api_key received -- can't proceed with create_request.");
    }

    @Test
    void aRevokedKeyStopsWorkingWhileAnotherKeyStillWorks() throws Exception {
        HttpResponse<String> issued = client().issueKeyResponse("Soon Revoked");
        JsonNode body = Open311Client.json(issued.body());
        String revokedKey = body.get("key").asString();
        String otherKey = client().issueKey("Still Valid");
        assertThat(
                        client().post(
                                        "/open311/v2/requests.json",
                                        Open311Client.pothole(revokedKey))
                                .statusCode())
                .isEqualTo(201);

        HttpResponse<String> revocation =
                client().send(
                                HttpRequest.newBuilder(
                                                client().uri(
                                                                "/api/open311/keys/"
                                                                        + body.get("id")
                                                                                .asString()))
                                        .header("Authorization", Open311Client.ADMIN.bearer())
                                        .DELETE());

        assertThat(revocation.statusCode()).isEqualTo(204);
        assertThat(
                        client().post(
                                        "/open311/v2/requests.json",
                                        Open311Client.pothole(revokedKey))
                                .statusCode())
                .isEqualTo(403);
        assertThat(
                        client().post("/open311/v2/requests.json", Open311Client.pothole(otherKey))
                                .statusCode())
                .isEqualTo(201);
        JsonNode listed =
                Open311Client.json(
                        client().get(
                                        "/api/open311/keys",
                                        "Authorization",
                                        Open311Client.ADMIN.bearer())
                                .body());
        JsonNode revoked = null;
        for (JsonNode key : listed) {
            assertThat(key.has("key")).as("the list never shows a key").isFalse();
            if (key.get("id").asString().equals(body.get("id").asString())) {
                revoked = key;
            }
        }
        assertThat(revoked).isNotNull();
        assertThat(revoked.get("revokedAt").isNull()).isFalse();
    }

    @Test
    void onlyTheKeysSha256IsStoredNeverTheKey() throws Exception {
        HttpResponse<String> issued = client().issueKeyResponse("Hash Check");
        JsonNode body = Open311Client.json(issued.body());
        String key = body.get("key").asString();

        List<String> everyColumnAsText =
                jdbc.sql(
                                "SELECT concat_ws('|', id, name, key_prefix,"
                                        + " encode(key_sha256, 'hex'), created_at, created_by)"
                                        + " FROM open311_api_key WHERE id = :id")
                        .param("id", java.util.UUID.fromString(body.get("id").asString()))
                        .query(String.class)
                        .list();
        String storedHash =
                jdbc.sql("SELECT encode(key_sha256, 'hex') FROM open311_api_key WHERE id = :id")
                        .param("id", java.util.UUID.fromString(body.get("id").asString()))
                        .query(String.class)
                        .single();

        assertThat(everyColumnAsText).hasSize(1);
        assertThat(everyColumnAsText.get(0)).doesNotContain(key).doesNotContain(key.substring(12));
        assertThat(storedHash)
                .isEqualTo(
                        HexFormat.of()
                                .formatHex(
                                        MessageDigest.getInstance("SHA-256")
                                                .digest(key.getBytes(StandardCharsets.UTF_8))));
        assertThat(key).startsWith("o311_").hasSize(5 + 43);
    }

    /**
     * A key issued under an Idempotency-Key is not kept with the idempotency record (ADR 6: the key
     * is shown once), and a repeat does not hand it out again but says where the key is.
     */
    @Test
    void aKeyIssuedWithAnIdempotencyKeyIsNeitherStoredNorHandedOutAgain() throws Exception {
        String idempotencyKey = java.util.UUID.randomUUID().toString();
        HttpRequest.Builder issue =
                HttpRequest.newBuilder(client().uri("/api/open311/keys"))
                        .header("Authorization", Open311Client.ADMIN.bearer())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Once Only\"}"));

        HttpResponse<String> issued = client().send(issue);
        HttpResponse<String> repeat = client().send(issue);

        assertThat(issued.statusCode()).isEqualTo(201);
        String key = Open311Client.json(issued.body()).get("key").asString();
        String kept =
                jdbc.sql(
                                "SELECT coalesce(encode(response_body, 'escape'), '') FROM"
                                        + " platform.idempotency_key WHERE idempotency_key = :key")
                        .param("key", idempotencyKey)
                        .query(String.class)
                        .single();
        assertThat(kept).doesNotContain(key);
        assertThat(repeat.statusCode()).isEqualTo(409);
        assertThat(repeat.body()).doesNotContain(key);
        assertThat(repeat.headers().firstValue("Location"))
                .isEqualTo(issued.headers().firstValue("Location"));
    }

    @Test
    void onlyAnAdminMayIssueKeysBesideAnAdminWhoMay() throws Exception {
        HttpResponse<String> officer =
                client().send(
                                HttpRequest.newBuilder(client().uri("/api/open311/keys"))
                                        .header(
                                                "Authorization",
                                                TestIssuer.shared()
                                                        .staff("officer-dan", "OFFICER")
                                                        .bearer())
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"name\":\"sneaky\"}")));
        HttpResponse<String> anonymous =
                client().send(
                                HttpRequest.newBuilder(client().uri("/api/open311/keys"))
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"name\":\"sneaky\"}")));

        assertThat(officer.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(client().issueKeyResponse("allowed").statusCode()).isEqualTo(201);
    }

    private long cases() {
        return jdbc.sql("SELECT count(*) FROM service_case").query(Long.class).single();
    }
}
