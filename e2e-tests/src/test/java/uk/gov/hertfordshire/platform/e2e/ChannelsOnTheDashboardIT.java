package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.testsupport.HeadlessChromium;

/**
 * Issue 5's acceptance through the running platform: one case through each of web, app, phone, face
 * to face and Open311 appears in the analytics API under its channel within seconds, and the
 * dashboard, loaded through the gateway in headless Chromium, shows the same figures.
 */
class ChannelsOnTheDashboardIT {

    private static final Pattern FIGURE =
            Pattern.compile(
                    "<(?:span|text)[^>]*?data-figure=\"([^\"]+)\"[^>]*?data-value=\"([^\"]*)\"[^>]*>([^<]*)<");

    private final Platform platform = new Platform();

    /**
     * London's date before the first submission. Analytics counts a contact on its London day, so
     * the figures are read from here to London's date at each read: a case that lands after
     * midnight is in the range however long the run took.
     */
    private final LocalDate from = londonToday();

    /** The last channel-shift answer read, and the date it was read up to. */
    private volatile Shift last;

    private record Shift(LocalDate to, JsonNode answer) {}

    @Test
    void aCaseThroughEachChannelIsCountedUnderItWithinSecondsAndShownOnTheDashboard()
            throws Exception {
        Map<String, Long> before = contactsSinceFrom();

        submit("web", "citizen-alice");
        submit("app", "citizen-bob");
        submit("phone", "agent-carol");
        submit("face_to_face", "agent-carol");
        submitOverOpen311();

        Map<String, Long> expected = new LinkedHashMap<>(before);
        for (String channel : List.of("web", "app", "phone", "face_to_face", "open311")) {
            expected.merge(channel, 1L, Long::sum);
        }
        long started = System.nanoTime();
        await("every channel counted once more")
                .atMost(Duration.ofSeconds(15))
                .until(this::contactsSinceFrom, counted -> counted.equals(expected));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(Duration.ofSeconds(15));
        Shift counted = last; // the answer that matched: its days and their figures

        Path chromium = HeadlessChromium.require("the dashboard shows every channel's contacts");
        String dom =
                HeadlessChromium.dumpDom(
                        chromium,
                        "http://127.0.0.1:8080/dashboard/?"
                                + range(counted.to())
                                + "#token="
                                + platform.token("analyst-ivan"));
        assertThat(dom).as("the page loaded its figures").contains("data-loaded=\"true\"");
        Map<String, String> shown = figures(dom);
        // The same range on the dashboard shows each day's figures as the API counted them
        // (one day, unless the run crossed midnight), which add up to the expected ones.
        Map<String, Long> checked = new HashMap<>();
        for (JsonNode period : counted.answer().get("periods")) {
            String label = period.get("label").asString();
            for (Map.Entry<String, JsonNode> channel : period.at("/mix/contacts").properties()) {
                long count = channel.getValue().asLong();
                if (count == 0) {
                    continue; // a channel with none may be listed or not
                }
                checked.merge(channel.getKey(), count, Long::sum);
                assertThat(shown)
                        .containsEntry(
                                "shift." + label + "." + channel.getKey(),
                                NumberFormat.getIntegerInstance(Locale.UK).format(count));
            }
        }
        assertThat(checked).isEqualTo(expected); // the five, and any others
    }

    private void submit(String channel, String persona) throws Exception {
        HttpResponse<String> created =
                platform.post(
                        "/api/cases",
                        "{\"serviceCode\":\"pothole\",\"channel\":\""
                                + channel
                                + "\",\"location\":{\"latitude\":51.81,\"longitude\":-0.20},"
                                + "\"attributes\":"
                                + Platform.POTHOLE_ANSWERS
                                + "}",
                        Map.of(
                                "Authorization",
                                "Bearer " + platform.token(persona),
                                "Idempotency-Key",
                                UUID.randomUUID().toString()));
        assertThat(created.statusCode()).as(channel + ": " + created.body()).isEqualTo(201);
    }

    private void submitOverOpen311() throws Exception {
        HttpResponse<String> created =
                platform.postForm(
                        "/open311/v2/requests.json",
                        Map.of(
                                "api_key", platform.output("api-key", "dashboard-check"),
                                "service_code", "pothole",
                                "lat", "51.8100",
                                "long", "-0.2000",
                                "attribute[where]", "road",
                                "attribute[depth]", "over-100mm",
                                "attribute[size]", "under-300mm"));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
    }

    /**
     * Contacts by channel from {@link #from} to London's date now (summed over the days), from the
     * analytics API through the gateway; the answer is kept in {@link #last}.
     */
    private Map<String, Long> contactsSinceFrom() throws Exception {
        LocalDate to = londonToday();
        HttpResponse<String> response =
                platform.get("/api/analytics/channel-shift?" + range(to), "analyst-ivan");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode shift = Platform.JSON.readTree(response.body());
        last = new Shift(to, shift);
        Map<String, Long> contacts = new HashMap<>();
        for (JsonNode period : shift.get("periods")) {
            period.at("/mix/contacts")
                    .properties()
                    .forEach(
                            entry ->
                                    contacts.merge(
                                            entry.getKey(), entry.getValue().asLong(), Long::sum));
        }
        contacts.values().removeIf(count -> count == 0); // a channel with none may be listed or not
        return contacts;
    }

    private String range(LocalDate to) {
        return "granularity=day&from=" + from + "&to=" + to;
    }

    private static LocalDate londonToday() {
        return LocalDate.now(ZoneId.of("Europe/London"));
    }

    private static Map<String, String> figures(String dom) {
        Map<String, String> figures = new HashMap<>();
        Matcher m = FIGURE.matcher(dom);
        while (m.find()) {
            figures.put(m.group(1), m.group(3).replace("&amp;", "&"));
        }
        return figures;
    }
}
