package uk.gov.hertfordshire.analytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.platform.testsupport.ServiceDefinitionFixture.serviceDefinition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.analytics.support.AnalyticsClient;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.cases.CaseResolved;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.events.content.FeedbackReceived;
import uk.gov.hertfordshire.platform.testsupport.HeadlessChromium;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * The dashboard loaded in headless Chromium shows the figures the API returns: every figure on the
 * page carries what it is, and its text is checked against the API's answer for the same range.
 */
@PlatformIntegrationTest
class DashboardIntegrationTest {

    private static final Pattern FIGURE =
            Pattern.compile(
                    "<(?:span|text)[^>]*?data-figure=\"([^\"]+)\"[^>]*?data-value=\"([^\"]*)\"[^>]*>([^<]*)<");
    private static final String RANGE = "from=2026-02-02&to=2026-02-15";
    private static final String BASELINE = "baselineFrom=2026-01-19&baselineTo=2026-02-01";

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
    void thePageShowsTheFiguresTheApiReturns() throws Exception {
        Path chromium = HeadlessChromium.require("the dashboard shows the figures the API returns");
        publishFebruary();
        String shiftPath =
                "/api/analytics/channel-shift?granularity=week&" + RANGE + "&" + BASELINE;
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.json(shiftPath).at("/total/total").asLong() == 5);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                client.json("/api/analytics/contacts-avoided?" + RANGE)
                                                .get("totalContactsAvoided")
                                                .asLong()
                                        == 3);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                client.json("/api/analytics/timeliness?" + RANGE)
                                                .at("/overall/targetBreaches")
                                                .asLong()
                                        == 1);
        // Every event above sits on a partition of its own key and, with a consumer per
        // partition (ADR 39), is applied independently of the others: wait for the rest too (the
        // baseline's two phone contacts, the resolution, the catalogue's name), or the page and
        // the API read after it could see different figures.
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            JsonNode time = client.json("/api/analytics/timeliness?" + RANGE);
                            return client.json(shiftPath).at("/baseline/mix/total").asLong() == 2
                                    && time.at("/overall/resolved").asLong() == 1
                                    && time.get("byService")
                                            .toString()
                                            .contains("Report a missed bin collection");
                        });

        String dom =
                HeadlessChromium.dumpDom(
                        chromium,
                        "http://localhost:"
                                + port
                                + "/dashboard/?granularity=week&"
                                + RANGE
                                + "&"
                                + BASELINE
                                + "#token="
                                + AnalyticsClient.ANALYST.encode());
        assertThat(dom).as("the page loaded its figures").contains("data-loaded=\"true\"");
        Map<String, String> shown = figures(dom);

        JsonNode shift = client.json(shiftPath);
        JsonNode cost = client.json("/api/analytics/cost-to-serve?" + RANGE + "&" + BASELINE);
        JsonNode demand = client.json("/api/analytics/demand?" + RANGE);
        JsonNode time = client.json("/api/analytics/timeliness?" + RANGE);
        JsonNode govuk = client.json("/api/analytics/service-standard?" + RANGE);
        JsonNode avoided = client.json("/api/analytics/contacts-avoided?" + RANGE);

        assertThat(shown)
                .containsEntry("contacts", count(shift.at("/total/total")))
                .containsEntry("digitalTakeUp", percent(shift.at("/total/digitalTakeUp")))
                .containsEntry(
                        "baselineDigitalTakeUp", percent(shift.at("/baseline/mix/digitalTakeUp")))
                .containsEntry("cost", money(cost.get("cost")))
                .containsEntry("costPerContact", money(cost.get("costPerContact")))
                .containsEntry("saving", money(cost.at("/baseline/saving")))
                .containsEntry("backlog", count(demand.at("/backlog/open")))
                .containsEntry("shareWithinTarget", percent(time.at("/overall/shareWithinTarget")))
                .containsEntry("medianHours", hours(time.at("/overall/medianHours")))
                .containsEntry("p90Hours", hours(time.at("/overall/p90Hours")))
                .containsEntry("targetBreaches", count(time.at("/overall/targetBreaches")));
        for (JsonNode period : shift.get("periods")) {
            String label = period.get("label").asText();
            for (String channel : Channel.wireValues()) {
                assertThat(shown)
                        .containsEntry(
                                "shift." + label + "." + channel,
                                count(period.at("/mix/contacts/" + channel)));
            }
            assertThat(shown)
                    .containsEntry(
                            "shift." + label + ".digitalTakeUp",
                            percent(period.at("/mix/digitalTakeUp")));
        }
        for (JsonNode channel : cost.get("channels")) {
            String name = channel.get("channel").asText();
            assertThat(shown).containsEntry("cost." + name + ".cost", money(channel.get("cost")));
        }
        for (JsonNode service : demand.get("byService")) {
            assertThat(shown)
                    .containsEntry(
                            "demand.service." + service.get("service").asText(),
                            count(service.get("cases")));
        }
        for (JsonNode service : govuk.get("services")) {
            String code = service.get("service").asText();
            assertThat(shown)
                    .containsEntry(
                            "govuk." + code + ".costPerTransaction",
                            money(service.get("costPerTransaction")))
                    .containsEntry(
                            "govuk." + code + ".digitalTakeUp",
                            percent(service.get("digitalTakeUp")));
        }
        assertThat(shown)
                .containsEntry("contactsAvoided", count(avoided.get("totalContactsAvoided")))
                .containsEntry("contactsAvoidedSaved", money(avoided.get("totalCostSaved")))
                .containsEntry("avoided.savingPerContact", money(avoided.get("savingPerContact")))
                .containsEntry("avoided.all.saved", money(avoided.get("totalCostSaved")));
        for (JsonNode service : avoided.get("byService")) {
            String code = service.get("serviceCode").asText();
            assertThat(shown)
                    .containsEntry(
                            "avoided." + code + ".contacts", count(service.get("contactsAvoided")))
                    .containsEntry("avoided." + code + ".saved", money(service.get("costSaved")));
        }
        // And the figures are the ones this test put in (5 contacts, 3 online), not empty ones.
        assertThat(shown).containsEntry("contacts", "5").containsEntry("digitalTakeUp", "60.0%");
        assertThat(shown).containsEntry("demand.service.dt-bins", "3");
        // Three pages answered a question, two about missed bins: £2.68 each by default.
        assertThat(shown)
                .containsEntry("contactsAvoided", "3")
                .containsEntry("avoided.dt-bins.contacts", "2")
                .containsEntry("contactsAvoidedSaved", "£8.04");
    }

    @Test
    void thePageIsPublicButItsFiguresAreNot() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + port + "/dashboard/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> figures =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://localhost:"
                                                        + port
                                                        + "/api/analytics/demand"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("How residents contact us");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(figures.statusCode()).isEqualTo(401);
    }

    private void publishFebruary() {
        client.publish(serviceDefinition("dt-bins").name("Report a missed bin collection").build());
        // Pages that answered a question: two about missed bins, one about no service.
        answered(List.of("dt-bins"), "2026-02-05T10:00:00Z");
        answered(List.of("dt-bins"), "2026-02-06T10:00:00Z");
        answered(List.of(), "2026-02-06T11:00:00Z");
        // Baseline: 2 phone contacts.
        submit("dt-bins", Channel.PHONE, "2026-01-20T10:00:00Z");
        submit("dt-bins", Channel.PHONE, "2026-01-27T10:00:00Z");
        // Range: dt-bins web, app, face to face; an unknown service open311, phone.
        String late = submit("dt-bins", Channel.WEB, "2026-02-02T09:00:00Z");
        submit("dt-bins", Channel.APP, "2026-02-03T09:00:00Z");
        submit("dt-bins", Channel.FACE_TO_FACE, "2026-02-10T09:00:00Z");
        submit("dt-unlisted", Channel.OPEN311, "2026-02-11T09:00:00Z");
        submit("dt-unlisted", Channel.PHONE, "2026-02-12T09:00:00Z");
        client.publish(
                new CaseTargetBreached(
                        late,
                        "dt-bins",
                        Instant.parse("2026-02-04T17:00:00Z"),
                        Instant.parse("2026-02-04T18:00:00Z")));
        client.publish(
                new CaseResolved(
                        late,
                        "dt-bins",
                        Instant.parse("2026-02-02T09:00:00Z"),
                        Instant.parse("2026-02-04T17:00:00Z"),
                        Instant.parse("2026-02-05T09:00:00Z")));
    }

    private void answered(List<String> services, String at) {
        client.publish(
                new FeedbackReceived(
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString(),
                        1,
                        "web",
                        services,
                        Instant.parse(at)));
    }

    private String submit(String service, Channel channel, String at) {
        String caseId = UUID.randomUUID().toString();
        client.publish(
                new CaseSubmitted(
                        caseId,
                        service,
                        channel,
                        Instant.parse(at),
                        null,
                        null,
                        Instant.parse(at).plus(Duration.ofDays(2))));
        return caseId;
    }

    private static Map<String, String> figures(String dom) {
        Map<String, String> figures = new HashMap<>();
        Matcher m = FIGURE.matcher(dom);
        while (m.find()) {
            figures.put(m.group(1), m.group(3).replace("&amp;", "&"));
        }
        return figures;
    }

    // How the page is meant to show each kind of figure, written here independently of its script.
    private static String count(JsonNode n) {
        return NumberFormat.getIntegerInstance(Locale.UK).format(n.asLong());
    }

    private static String percent(JsonNode n) {
        return n.isNull() || n.isMissingNode()
                ? "no data"
                : String.format(Locale.ROOT, "%.1f%%", n.asDouble() * 100);
    }

    private static String money(JsonNode n) {
        if (n.isNull() || n.isMissingNode()) {
            return "no data";
        }
        NumberFormat pounds = NumberFormat.getNumberInstance(Locale.UK);
        pounds.setMinimumFractionDigits(2);
        pounds.setMaximumFractionDigits(2);
        return (n.decimalValue().signum() < 0 ? "-£" : "£") + pounds.format(n.decimalValue().abs());
    }

    private static String hours(JsonNode n) {
        return n.isNull() || n.isMissingNode()
                ? "no data"
                : String.format(Locale.ROOT, "%.1f h", n.asDouble());
    }
}
