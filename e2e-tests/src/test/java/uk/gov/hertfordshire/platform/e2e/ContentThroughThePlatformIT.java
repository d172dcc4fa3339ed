package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
        assertThat(webPage(path).statusCode())
                .as("a page in review is not on the web before a publisher approves it")
                .isEqualTo(404);

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
        assertThat(webPage(path + "-frank").statusCode())
                .as("the approval refused published nothing")
                .isEqualTo(404);

        act(id, "approve", "publisher-frank", 200);

        HttpResponse<String> web = webPage(path);
        assertThat(web.statusCode()).isEqualTo(200);
        assertThat(json(web).get("html").asString())
                .isEqualTo("<p>Tell us where the broken kerb is. We will make it safe.</p>\n");
        assertThat(webPage(path + "-frank").statusCode())
                .as("Frank's own item stays off the web beside the one he approved")
                .isEqualTo(404);
        HttpResponse<String> tv =
                platform.get("/api/content/channels/digital_tv/pages?path=" + path);
        assertThat(tv.statusCode()).as(tv.body()).isEqualTo(200);
        assertThat(json(tv).get("text").asString())
                .isEqualTo("Tell us where the broken kerb is. We will make it safe.");
        assertThat(json(tv).has("html")).isFalse();

        // The item lists web and digital_tv only: on the intranet, which a staff token may read,
        // the live page is 404 (DeliveryController: no live revision at the path on the channel);
        // the same staff reader gets it on the web, so only the channel differs.
        assertThat(platform.get("/api/content/channels/web/pages?path=" + path, "editor-erin"))
                .extracting(HttpResponse::statusCode)
                .isEqualTo(200);
        HttpResponse<String> intranet =
                platform.get("/api/content/channels/intranet/pages?path=" + path, "editor-erin");
        assertThat(intranet.statusCode()).as(intranet.body()).isEqualTo(404);
        assertThat(json(intranet).get("detail").asString())
                .isEqualTo("No published page has this path on intranet.");

        HttpResponse<String> found =
                platform.get(
                        "/api/content/channels/web/search?q="
                                + URLEncoder.encode(word, StandardCharsets.UTF_8));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        List<String> foundPaths = new ArrayList<>();
        json(found).get("results").forEach(result -> foundPaths.add(result.get("path").asString()));
        assertThat(foundPaths)
                .as("the approved page only: Frank's, in review with the same word, is not found")
                .containsExactly(path);

        // Analytics counts feedback on its London day. Counting from the day before the feedback
        // to the day of each poll cannot miss it when it lands after midnight.
        LocalDate from = londonToday();
        long before = potholeContactsAvoided(from);
        HttpResponse<String> answered =
                platform.post("/api/content/channels/web/items/" + id + "/feedback", "", Map.of());
        assertThat(answered.statusCode()).isEqualTo(202);
        assertThat(json(answered).get("counted").asBoolean()).isTrue();

        await("analytics counts the contact avoided under the page's service")
                .atMost(Duration.ofSeconds(60))
                .until(() -> potholeContactsAvoided(from), after -> after == before + 1);
    }

    private HttpResponse<String> webPage(String path) throws Exception {
        return platform.get("/api/content/channels/web/pages?path=" + path);
    }

    private static LocalDate londonToday() {
        return LocalDate.now(ZoneId.of("Europe/London"));
    }

    /** Pothole's contacts avoided from the day given to London's today, read now. */
    private long potholeContactsAvoided(LocalDate from) throws Exception {
        HttpResponse<String> response =
                platform.get(
                        "/api/analytics/contacts-avoided?from=" + from + "&to=" + londonToday(),
                        "analyst-ivan");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return potholeContactsAvoided(response.body());
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
