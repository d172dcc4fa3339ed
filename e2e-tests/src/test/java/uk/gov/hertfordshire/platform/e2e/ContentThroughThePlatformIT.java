package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * As a new council user would: editor-erin writes a page, publisher-frank approves it (and is
 * refused approving one he wrote himself), citizens read it on the web and on digital TV and find
 * it by search, and a "this answered my question" shows in analytics as a contact avoided.
 */
class ContentThroughThePlatformIT {

    private final Platform platform = new Platform();

    @Test
    void aPageWrittenApprovedReadFoundAndCountedAsAContactAvoided() throws Exception {
        String word = "kerbstone" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        String path = "/roads/" + word;
        String item =
                "{\"type\":\"service_page\",\"path\":\""
                        + path
                        + "\",\"title\":\"Report a broken "
                        + word
                        + "\",\"summary\":\"Tell us about a broken kerb.\",\"body\":\"Tell us"
                        + " where the broken kerb is. We will make it safe.\","
                        + "\"channels\":[\"web\",\"digital_tv\"],\"audience\":\"public\","
                        + "\"topics\":[\"roads\"],\"serviceCodes\":[\"pothole\"],"
                        + "\"reviewBy\":\"2027-12-31\"}";
        // The catalogue reaches content-service as events from case-service; until then the
        // service code is unknown (400).
        HttpResponse<String> created =
                await("content-service knows the pothole service")
                        .atMost(Duration.ofSeconds(60))
                        .until(
                                () -> post("/api/content/items", item, "editor-erin", null),
                                r -> r.statusCode() == 201);
        String id = json(created).get("id").asString();
        act(id, "submit", "editor-erin", 200);

        String own =
                json(post(
                                "/api/content/items",
                                item.replace(path, path + "-frank"),
                                "publisher-frank",
                                null))
                        .get("id")
                        .asString();
        act(own, "submit", "publisher-frank", 200);
        HttpResponse<String> refused = act(own, "approve", "publisher-frank", 409);
        assertThat(json(refused).get("rule").asString()).isEqualTo("four-eyes");

        act(id, "approve", "publisher-frank", 200);

        HttpResponse<String> web = platform.get("/api/content/channels/web/pages?path=" + path);
        assertThat(web.statusCode()).isEqualTo(200);
        assertThat(json(web).get("html").asString())
                .isEqualTo("<p>Tell us where the broken kerb is. We will make it safe.</p>\n");
        HttpResponse<String> tv =
                platform.get("/api/content/channels/digital_tv/pages?path=" + path);
        assertThat(json(tv).get("text").asString())
                .isEqualTo("Tell us where the broken kerb is. We will make it safe.");
        assertThat(json(tv).has("html")).isFalse();

        HttpResponse<String> found =
                platform.get(
                        "/api/content/channels/web/search?q="
                                + URLEncoder.encode(word, StandardCharsets.UTF_8));
        assertThat(json(found).get("results").get(0).get("path").asString()).isEqualTo(path);

        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        String report = "/api/analytics/contacts-avoided?from=" + today + "&to=" + today;
        long before = potholeContactsAvoided(platform.get(report, "analyst-ivan").body());
        HttpResponse<String> answered =
                platform.post("/api/content/channels/web/items/" + id + "/feedback", "", Map.of());
        assertThat(answered.statusCode()).isEqualTo(202);
        assertThat(json(answered).get("counted").asBoolean()).isTrue();

        await("analytics counts the contact avoided under the page's service")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> potholeContactsAvoided(platform.get(report, "analyst-ivan").body()),
                        after -> after == before + 1);
    }

    private static long potholeContactsAvoided(String report) {
        for (JsonNode service : Platform.JSON.readTree(report).get("byService")) {
            if (service.get("serviceCode").asString().equals("pothole")) {
                return service.get("contactsAvoided").asLong();
            }
        }
        return 0;
    }

    private HttpResponse<String> act(String id, String action, String persona, int expected)
            throws Exception {
        String etag =
                platform.get("/api/content/items/" + id, persona)
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow();
        HttpResponse<String> response =
                post("/api/content/items/" + id + "/" + action, "{}", persona, etag);
        assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(expected);
        return response;
    }

    private HttpResponse<String> post(String path, String body, String persona, String ifMatch)
            throws Exception {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Authorization", "Bearer " + platform.token(persona));
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        return platform.post(path, body, headers);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Platform.JSON.readTree(response.body());
    }
}
