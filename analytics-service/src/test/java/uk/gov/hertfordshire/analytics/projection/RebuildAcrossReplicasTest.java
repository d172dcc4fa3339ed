package uk.gov.hertfordshire.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.analytics.support.AnalyticsClient.ADMIN;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.analytics.AnalyticsServiceApplication;
import uk.gov.hertfordshire.analytics.support.AnalyticsClient;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.Replicas;

/**
 * Two instances of analytics-service on one database (as the cluster mode runs them) are asked for
 * a rebuild at the same moment: one starts it, the other answers 409, one generation is built and
 * served by both, and every event is counted once in it. Beside it, the positive control: once that
 * rebuild is served, the second instance starts one of its own.
 */
@PlatformIntegrationTest
class RebuildAcrossReplicasTest {

    private static final String REBUILDS = "/api/analytics/admin/rebuilds";

    @LocalServerPort int port;
    @Autowired Environment environment;
    @Autowired JdbcClient jdbc;

    @Test
    void aRebuildAskedOfBothInstancesAtOnceRunsOnce() {
        List<String> caseIds = new ArrayList<>();
        try (AnalyticsClient first = new AnalyticsClient(port);
                ConfigurableApplicationContext replica =
                        Replicas.startAnother(
                                AnalyticsServiceApplication.class,
                                environment,
                                List.of(),
                                Map.of());
                AnalyticsClient second =
                        new AnalyticsClient(
                                replica.getEnvironment()
                                        .getRequiredProperty("local.server.port", Integer.class))) {
            for (int i = 0; i < 5; i++) {
                String caseId = UUID.randomUUID().toString();
                caseIds.add(caseId);
                first.publish(
                        new CaseSubmitted(
                                caseId,
                                "pothole",
                                Channel.WEB,
                                Instant.parse("2026-04-14T09:00:00Z").plusSeconds(i),
                                null,
                                null));
            }
            String april14 = "/api/analytics/channels?from=2026-04-14&to=2026-04-14";
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> first.json(april14).get("totalContacts").asLong() >= 5);
            JsonNode live = first.json(april14);
            int generationsBefore = generations();

            List<HttpResponse<String>> asked =
                    Replicas.atOnce(
                            60,
                            () -> first.post(REBUILDS, ADMIN),
                            () -> second.post(REBUILDS, ADMIN));

            assertThat(asked)
                    .extracting(HttpResponse::statusCode)
                    .as(asked.get(0).body() + " / " + asked.get(1).body())
                    .containsExactlyInAnyOrder(202, 409);
            assertThat(generations()).isEqualTo(generationsBefore + 1);
            HttpResponse<String> started =
                    asked.get(0).statusCode() == 202 ? asked.get(0) : asked.get(1);
            String location = started.headers().firstValue("Location").orElseThrow();
            awaitServing(first, location);
            // Both instances serve the rebuilt generation, each event counted once in it.
            assertThat(first.json(april14)).isEqualTo(live);
            assertThat(second.json(april14)).isEqualTo(live);
            assertCountedOnce(second.json("/api/analytics/contacts?limit=1000"), caseIds);

            // The positive control: the second instance starts a rebuild when none runs.
            HttpResponse<String> again = second.post(REBUILDS, ADMIN);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
            awaitServing(second, again.headers().firstValue("Location").orElseThrow());
            assertThat(first.json(april14)).isEqualTo(live);
        }
    }

    private int generations() {
        return jdbc.sql("SELECT count(*) FROM projection_generation").query(Integer.class).single();
    }

    private static void awaitServing(AnalyticsClient client, String location) {
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                "serving"
                                        .equals(
                                                client.json(location, ADMIN)
                                                        .at("/rebuild/state")
                                                        .asText()));
    }

    private static void assertCountedOnce(JsonNode ledger, List<String> caseIds) {
        List<String> seen = new ArrayList<>();
        for (JsonNode row : ledger) {
            String caseId = row.get("caseId").asText();
            if (caseIds.contains(caseId)) {
                seen.add(caseId);
                assertThat(row.get("timesCounted").asInt()).as(row.toString()).isEqualTo(1);
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(caseIds);
    }
}
