package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A case posted through the gateway comes back through the gateway and is counted by analytics. */
class WalkingSkeletonIT {

    private final Platform platform = new Platform();

    @Test
    void aCasePostedThroughTheGatewayIsStoredPublishedAndCountedUnderItsChannel() throws Exception {
        long phoneBefore = contactsOn("phone");
        HttpResponse<String> created =
                platform.post(
                        "/api/cases",
                        "{\"serviceCode\":\"street-light\",\"channel\":\"phone\","
                                + "\"location\":{\"latitude\":51.7528,\"longitude\":-0.3395}}",
                        Map.of(
                                "X-Request-Id",
                                "e2e-walking-skeleton",
                                "Authorization",
                                "Bearer " + platform.token("agent-carol")));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Request-Id")).hasValue("e2e-walking-skeleton");
        String id = Platform.JSON.readTree(created.body()).get("id").asString();

        HttpResponse<String> read = platform.get("/api/cases/" + id, "agent-carol");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"channel\":\"phone\"");

        await("analytics counts the case once")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> platform.countedContacts().get(id),
                        count -> count != null && count == 1);
        assertThat(contactsOn("phone")).isEqualTo(phoneBefore + 1);
    }

    @Test
    void badInputThroughTheGatewayIsAProblemDocument() throws Exception {
        HttpResponse<String> refused =
                platform.post(
                        "/api/cases",
                        "{\"serviceCode\":\"street-light\",\"channel\":\"fax\"}",
                        Map.of("Authorization", "Bearer " + platform.token("agent-carol")));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body()).contains("channel");
    }

    private long contactsOn(String channel) throws Exception {
        JsonNode totals =
                Platform.JSON.readTree(
                        platform.get("/api/analytics/channels", "analyst-ivan").body());
        for (JsonNode row : totals.get("channels")) {
            if (channel.equals(row.get("channel").asString())) {
                return row.get("contacts").asLong();
            }
        }
        return 0;
    }
}
