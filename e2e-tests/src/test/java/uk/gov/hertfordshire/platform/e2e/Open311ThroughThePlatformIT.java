package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4's acceptance through the running platform: a civic app with the demo key reports a
 * problem over Open311; it is visible with its status over Open311 and the native API, follows the
 * lifecycle, and analytics counts it under channel open311.
 */
class Open311ThroughThePlatformIT {

    private final Platform platform = new Platform();

    @Test
    void aCaseReportedOverOpen311IsVisibleEverywhereAndCountedUnderOpen311() throws Exception {
        String apiKey = platform.output("api-key", "open311-demo");
        assertThat(apiKey).isNotBlank().doesNotContain(" ");

        HttpResponse<String> created =
                platform.postForm(
                        "/open311/v2/requests.json",
                        Map.of(
                                "api_key", apiKey,
                                "jurisdiction_id", "hertfordshire.gov.uk",
                                "service_code", "pothole",
                                "lat", "51.7640",
                                "long", "-0.2260",
                                "description", "Deep pothole outside the school gates",
                                "email", "reporter@example.org",
                                "attribute[where]", "road",
                                "attribute[depth]", "over-100mm",
                                "attribute[size]", "under-300mm"));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String id =
                Platform.JSON.readTree(created.body()).get(0).get("service_request_id").asString();

        JsonNode open = open311Request(id);
        assertThat(open.get("status").asString()).isEqualTo("open");
        assertThat(open.get("service_code").asString()).isEqualTo("pothole");
        assertThat(open.toString()).doesNotContain("reporter@example.org");

        HttpResponse<String> nativeView = platform.get("/api/cases/" + id, "officer-dan");
        assertThat(nativeView.statusCode()).isEqualTo(200);
        JsonNode view = Platform.JSON.readTree(nativeView.body());
        assertThat(view.get("channel").asString()).isEqualTo("open311");
        assertThat(view.get("status").asString()).isEqualTo("submitted");

        for (String action : new String[] {"triage", "resolve"}) {
            HttpResponse<String> acted =
                    platform.post(
                            "/api/cases/" + id + "/" + action,
                            "{}",
                            Map.of("Authorization", "Bearer " + platform.token("officer-dan")));
            assertThat(acted.statusCode()).as(action + ": " + acted.body()).isEqualTo(200);
        }
        assertThat(open311Request(id).get("status").asString()).isEqualTo("closed");

        Platform.CountedContact counted =
                await("analytics counts the Open311 case once")
                        .atMost(Duration.ofSeconds(30))
                        .until(
                                () -> platform.countedContactRows().get(id),
                                row -> row != null && row.timesCounted() == 1);
        assertThat(counted.channel())
                .as("this case's own row: counted under open311, the channel it came in on")
                .isEqualTo("open311");
    }

    private JsonNode open311Request(String id) throws Exception {
        HttpResponse<String> response = platform.get("/open311/v2/requests/" + id + ".json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Platform.JSON.readTree(response.body()).get(0);
    }
}
