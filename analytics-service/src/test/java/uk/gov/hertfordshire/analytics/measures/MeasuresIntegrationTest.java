package uk.gov.hertfordshire.analytics.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.analytics.support.AnalyticsClient.ADMIN;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.analytics.support.AnalyticsClient;
import uk.gov.hertfordshire.analytics.support.JanuaryCases;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * Every measure for the known sequence in {@link JanuaryCases}, against figures worked out by hand
 * below; then a rebuild of the whole log, after which every measure is the same again.
 */
@PlatformIntegrationTest
class MeasuresIntegrationTest {

    static final String RANGE = "from=2026-01-05&to=2026-01-18";
    static final String BASELINE = "baselineFrom=2025-12-01&baselineTo=2025-12-07";
    static final List<String> MEASURES =
            List.of(
                    "/api/analytics/channel-shift?granularity=week&" + RANGE + "&" + BASELINE,
                    "/api/analytics/channel-shift?granularity=month&" + RANGE,
                    "/api/analytics/channel-shift?granularity=day&service=mt-light&" + RANGE,
                    "/api/analytics/cost-to-serve?" + RANGE + "&" + BASELINE,
                    "/api/analytics/demand?" + RANGE,
                    "/api/analytics/timeliness?" + RANGE,
                    "/api/analytics/service-standard?" + RANGE);

    @LocalServerPort int port;

    private AnalyticsClient client;

    @BeforeEach
    void connect() {
        client = new AnalyticsClient(port);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void everyMeasureMatchesTheHandWorkedFiguresBeforeAndAfterARebuild() {
        JanuaryCases cases = new JanuaryCases();
        cases.publish(client);
        // Until the events are projected the measures have no periods yet: a missing field is a
        // "not yet" like a wrong figure, not a failure (the last attempt's error is reported).
        await().ignoreExceptions()
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertHandWorkedFigures(cases));
        Map<String, JsonNode> live = new LinkedHashMap<>();
        MEASURES.forEach(path -> live.put(path, client.json(path)));

        HttpResponse<String> started = client.post("/api/analytics/admin/rebuilds", ADMIN);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                "serving"
                                        .equals(
                                                client.json(location, ADMIN)
                                                        .at("/rebuild/state")
                                                        .asText()));

        MEASURES.forEach(path -> assertThat(client.json(path)).as(path).isEqualTo(live.get(path)));
        assertHandWorkedFigures(cases);
    }

    private void assertHandWorkedFigures(JanuaryCases cases) {
        channelShift();
        costToServe();
        demand();
        timeliness();
        serviceStandard();
    }

    private void channelShift() {
        JsonNode weekly = client.json(MEASURES.get(0));
        // Week 2 (5–11 Jan): web 1 (c1), app 1 (c2), phone 1 (c3): 3 contacts, 2 digital.
        JsonNode w02 = weekly.at("/periods/0");
        assertThat(w02.get("period").asText()).isEqualTo("2026-01-05");
        assertThat(w02.get("label").asText()).isEqualTo("2026-W02");
        assertThat(w02.at("/mix/contacts/web").asLong()).isEqualTo(1);
        assertThat(w02.at("/mix/contacts/app").asLong()).isEqualTo(1);
        assertThat(w02.at("/mix/contacts/phone").asLong()).isEqualTo(1);
        assertThat(w02.at("/mix/total").asLong()).isEqualTo(3);
        assertThat(w02.at("/mix/digitalTakeUp").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        // Week 3 (12–18 Jan): open311 1 (c4), face to face 1 (c5), email 1 (c6), web 1 (the "me
        // too" on c1): 4 contacts, 2 digital.
        JsonNode w03 = weekly.at("/periods/1");
        assertThat(w03.get("label").asText()).isEqualTo("2026-W03");
        assertThat(w03.get("period").asText()).isEqualTo("2026-01-12");
        assertThat(w03.at("/mix/contacts/open311").asLong()).isEqualTo(1);
        assertThat(w03.at("/mix/contacts/face_to_face").asLong()).isEqualTo(1);
        assertThat(w03.at("/mix/contacts/email").asLong()).isEqualTo(1);
        assertThat(w03.at("/mix/contacts/web").asLong()).isEqualTo(1);
        assertThat(w03.at("/mix/total").asLong()).isEqualTo(4);
        assertThat(w03.at("/mix/digitalTakeUp").asDouble()).isEqualTo(0.5);
        assertThat(weekly.get("periods").size()).isEqualTo(2);
        // Range: 7 contacts, 4 digital; baseline 4 contacts, 1 digital (web).
        assertThat(weekly.at("/total/total").asLong()).isEqualTo(7);
        assertThat(weekly.at("/total/digital").asLong()).isEqualTo(4);
        assertThat(weekly.at("/baseline/mix/total").asLong()).isEqualTo(4);
        assertThat(weekly.at("/baseline/mix/digitalTakeUp").asDouble()).isEqualTo(0.25);
        assertThat(weekly.at("/baseline/digitalTakeUpChange").asDouble())
                .isCloseTo(4.0 / 7 - 0.25, within(1e-12));

        JsonNode monthly = client.json(MEASURES.get(1));
        assertThat(monthly.get("periods").size()).isEqualTo(1);
        assertThat(monthly.at("/periods/0/label").asText()).isEqualTo("2026-01");
        assertThat(monthly.at("/periods/0/period").asText()).isEqualTo("2026-01-05");
        assertThat(monthly.at("/periods/0/mix/total").asLong()).isEqualTo(7);

        // mt-light alone, by day: open311 on 12 Jan, face to face on 13 Jan.
        JsonNode light = client.json(MEASURES.get(2));
        assertThat(light.at("/total/total").asLong()).isEqualTo(2);
        assertThat(light.at("/total/digitalTakeUp").asDouble()).isEqualTo(0.5);
        assertThat(light.at("/periods/0/period").asText()).isEqualTo("2026-01-12");
        assertThat(light.at("/periods/1/period").asText()).isEqualTo("2026-01-13");
    }

    private void costToServe() {
        JsonNode cost = client.json(MEASURES.get(3));
        // web 2 × 0.15 + app 0.15 + open311 0.15 + phone 2.83 + face to face 8.62 + email 2.83.
        assertThat(cost.get("contacts").asLong()).isEqualTo(7);
        assertThat(cost.get("cost").decimalValue()).isEqualByComparingTo("14.88");
        assertThat(cost.at("/channels/0/channel").asText()).isEqualTo("web");
        assertThat(cost.at("/channels/0/cost").decimalValue()).isEqualByComparingTo("0.30");
        assertThat(cost.get("costPerContact").decimalValue()).isEqualByComparingTo("2.13");
        // Baseline: phone 2 × 2.83 + face to face 8.62 + web 0.15 = 14.43 for 4 contacts.
        assertThat(cost.at("/baseline/cost").decimalValue()).isEqualByComparingTo("14.43");
        assertThat(cost.at("/baseline/costPerContact").decimalValue()).isEqualByComparingTo("3.61");
        assertThat(cost.at("/baseline/mix/phone").asDouble()).isEqualTo(0.5);
        // 7 contacts at the baseline's mix: 7 × 14.43 / 4 = 25.2525 → 25.25; saving 10.37.
        assertThat(cost.at("/baseline/costAtBaselineMix").decimalValue())
                .isEqualByComparingTo("25.25");
        assertThat(cost.at("/baseline/saving").decimalValue()).isEqualByComparingTo("10.37");
        assertThat(cost.at("/channels/2/unitCost").decimalValue()).isEqualByComparingTo("0.15");
    }

    private void demand() {
        JsonNode demand = client.json(MEASURES.get(4));
        assertThat(demand.get("cases").asLong()).isEqualTo(6);
        assertThat(demand.get("contacts").asLong()).isEqualTo(7);
        assertThat(rows(demand.get("byService"), "service", "cases"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("mt-pothole", 3L, "mt-light", 2L, "unknown", 1L));
        assertThat(rows(demand.get("byService"), "service", "contacts"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("mt-pothole", 4L, "mt-light", 2L, "unknown", 1L));
        assertThat(rows(demand.get("byService"), "service", "name"))
                .containsEntry("mt-pothole", "Report a pothole")
                .containsEntry("unknown", "Unknown service (not in the catalogue)");
        assertThat(rows(demand.get("byArea"), "key", "cases"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("AL1", 2L, "SG1", 2L, "WD3", 1L, "unknown area", 1L));
        assertThat(rows(demand.get("byStatus"), "key", "cases"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("resolved", 3L, "closed", 1L, "reopened", 1L, "submitted", 1L));
        assertThat(rows(demand.get("byTeam"), "key", "cases"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("highways-north", 1L, "street-lighting", 1L, "unassigned", 4L));
        // Backlog now, whatever the range: mt-pothole's 4 baseline cases (still submitted) and c3
        // (reopened); mt-light has none open. Other tests' cases are "unknown" services, so only
        // the catalogue's are checked.
        Map<String, Object> backlog = rows(demand.at("/backlog/byService"), "key", "cases");
        assertThat(backlog).containsEntry("mt-pothole", 5L).doesNotContainKey("mt-light");
    }

    private void timeliness() {
        JsonNode timeliness = client.json(MEASURES.get(5));
        // Resolved now in the range: c1 24 h (in time), c2 72 h (late), c4 48 h (in time), c5 6 h
        // (no target); c3 was reopened. Sorted 6, 24, 48, 72: median 24 + 0.5 × 24 = 36; p90 at
        // rank 0.9 × 3 = 2.7: 48 + 0.7 × 24 = 64.8.
        JsonNode all = timeliness.get("overall");
        assertThat(all.get("resolved").asLong()).isEqualTo(4);
        assertThat(all.get("withTarget").asLong()).isEqualTo(3);
        assertThat(all.get("withinTarget").asLong()).isEqualTo(2);
        assertThat(all.get("shareWithinTarget").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(all.get("medianHours").asDouble()).isCloseTo(36.0, within(1e-9));
        assertThat(all.get("p90Hours").asDouble()).isCloseTo(64.8, within(1e-9));
        assertThat(all.get("targetBreaches").asLong()).isEqualTo(1);
        assertThat(all.get("targetsApproaching").asLong()).isEqualTo(1);

        JsonNode pothole = byKey(timeliness.get("byService"), "service", "mt-pothole");
        // c1 24 h, c2 72 h: median 48, p90 24 + 0.9 × 48 = 67.2; 1 of 2 in time; c2 breached.
        assertThat(pothole.get("resolved").asLong()).isEqualTo(2);
        assertThat(pothole.get("shareWithinTarget").asDouble()).isEqualTo(0.5);
        assertThat(pothole.get("medianHours").asDouble()).isCloseTo(48.0, within(1e-9));
        assertThat(pothole.get("p90Hours").asDouble()).isCloseTo(67.2, within(1e-9));
        assertThat(pothole.get("targetBreaches").asLong()).isEqualTo(1);
        JsonNode light = byKey(timeliness.get("byService"), "service", "mt-light");
        // c4 48 h (in time), c5 6 h (no target): median 27, p90 6 + 0.9 × 42 = 43.8.
        assertThat(light.get("withTarget").asLong()).isEqualTo(1);
        assertThat(light.get("shareWithinTarget").asDouble()).isEqualTo(1.0);
        assertThat(light.get("medianHours").asDouble()).isCloseTo(27.0, within(1e-9));
        assertThat(light.get("p90Hours").asDouble()).isCloseTo(43.8, within(1e-9));
        JsonNode unknown = byKey(timeliness.get("byService"), "service", "unknown");
        assertThat(unknown.get("targetsApproaching").asLong()).isEqualTo(1);
        assertThat(unknown.get("resolved").asLong()).isZero();
    }

    private void serviceStandard() {
        JsonNode standard = client.json(MEASURES.get(6));
        // mt-pothole: web 2, app 1, phone 1 = 0.30 + 0.15 + 2.83 = 3.28 over 4 = 0.82; 3 of 4
        // digital; c1 and c2 done of c1–c3.
        JsonNode pothole = byKey(standard.get("services"), "service", "mt-pothole");
        assertThat(pothole.get("transactions").asLong()).isEqualTo(4);
        assertThat(pothole.get("costPerTransaction").decimalValue()).isEqualByComparingTo("0.82");
        assertThat(pothole.get("digitalTakeUp").asDouble()).isEqualTo(0.75);
        assertThat(pothole.get("casesStarted").asLong()).isEqualTo(3);
        assertThat(pothole.get("casesCompleted").asLong()).isEqualTo(2);
        assertThat(pothole.get("completionRate").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(pothole.get("userSatisfaction").isNull()).isTrue();
        // mt-light: open311 0.15 + face to face 8.62 = 8.77 over 2 = 4.385 → 4.39.
        JsonNode light = byKey(standard.get("services"), "service", "mt-light");
        assertThat(light.get("costPerTransaction").decimalValue()).isEqualByComparingTo("4.39");
        assertThat(light.get("digitalTakeUp").asDouble()).isEqualTo(0.5);
        assertThat(light.get("completionRate").asDouble()).isEqualTo(1.0);
        JsonNode unknown = byKey(standard.get("services"), "service", "unknown");
        assertThat(unknown.get("costPerTransaction").decimalValue()).isEqualByComparingTo("2.83");
        assertThat(unknown.get("completionRate").asDouble()).isEqualTo(0.0);
    }

    private static Map<String, Object> rows(JsonNode array, String key, String value) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonNode row : array) {
            JsonNode v = row.get(value);
            map.put(row.get(key).asText(), v.isNumber() ? (Object) v.asLong() : v.asText());
        }
        return map;
    }

    private static JsonNode byKey(JsonNode array, String key, String value) {
        for (JsonNode row : array) {
            if (value.equals(row.get(key).asText())) {
                return row;
            }
        }
        throw new AssertionError("No " + key + " " + value + " in " + array);
    }
}
