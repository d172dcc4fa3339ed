package uk.gov.hertfordshire.content.community;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.expect;
import static uk.gov.hertfordshire.content.support.ContentApi.json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.Replicas;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** Citizens' listings wait for moderation, come back on reports, and never name their author. */
@PlatformIntegrationTest
class CommunityIntegrationTest {

    /** U+0000, which PostgreSQL cannot store in text. */
    static final String NUL = "\u0000";

    static final TestIssuer.TokenBuilder CITIZEN = TestIssuer.shared().citizen("community-carla");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private ContentApi api;

    @BeforeEach
    void connect() {
        api = new ContentApi(port);
    }

    @Test
    void aListingIsPublishedOnlyAfterModerationAndNeverNamesItsContributor() {
        HttpResponse<String> submitted = submit("Ware knitting circle");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        UUID id = UUID.fromString(json(submitted).get("id").asString());
        String path = json(submitted).get("path").asString();
        assertThat(state(id)).isEqualTo("awaiting_moderation");
        assertThat(web(path).statusCode()).isEqualTo(404);

        expect(api.act(FRANK, id, "approve", null), 200);
        HttpResponse<String> live = web(path);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("knitting").doesNotContain("community-carla");
        assertThat(state(id)).isEqualTo("published");
    }

    @Test
    void aRejectedListingShowsItsContributorTheReason() {
        UUID id = UUID.fromString(json(submit("Buy my old car")).get("id").asString());
        expect(
                api.act(
                        FRANK,
                        id,
                        "reject",
                        "{\"reason\":\"Listings are for groups and events.\"}"),
                200);

        HttpResponse<String> mine = mine();
        assertThat(mine.body())
                .contains("\"state\":\"rejected\"")
                .contains("Listings are for groups and events.");
        assertThat(
                        api.send(
                                        "GET",
                                        "/api/content/community/listings/mine",
                                        TestIssuer.shared().citizen("someone-else"),
                                        null,
                                        Map.of())
                                .body())
                .doesNotContain(id.toString());
    }

    @Test
    void threeReportsFromDifferentAddressesReturnAListingToModerationButRepeatsDoNot() {
        HttpResponse<String> submitted = submit("Hertford Saturday parkrun volunteers");
        UUID id = UUID.fromString(json(submitted).get("id").asString());
        String path = json(submitted).get("path").asString();
        expect(api.act(FRANK, id, "approve", null), 200);

        report(id, "203.0.113.1");
        report(id, "203.0.113.1");
        report(id, "203.0.113.2");
        assertThat(web(path).statusCode()).as("two addresses so far").isEqualTo(200);

        report(id, "203.0.113.3");
        assertThat(web(path).statusCode()).isEqualTo(404);
        assertThat(state(id)).isEqualTo("awaiting_moderation");
        assertThat(ContentApi.awaitEventTypes(id, 5))
                .containsExactly(
                        "uk.gov.hertfordshire.content.contribution-submitted.v1",
                        "uk.gov.hertfordshire.content.published.v1",
                        "uk.gov.hertfordshire.content.contribution-moderated.v1",
                        "uk.gov.hertfordshire.content.unpublished.v1",
                        "uk.gov.hertfordshire.content.contribution-moderated.v1");
    }

    @Test
    void oneClientReportingOnThreeDaysIsOneReporterButThreeClientsReturnItToModeration() {
        HttpResponse<String> submitted = submit("Bengeo book swap");
        UUID id = UUID.fromString(json(submitted).get("id").asString());
        String path = json(submitted).get("path").asString();
        expect(api.act(FRANK, id, "approve", null), 200);

        // One client on three days: each day's report is a row, but it is one reporter.
        report(id, "203.0.113.21");
        moveLatestReportBack(id, 2);
        report(id, "203.0.113.21");
        moveLatestReportBack(id, 1);
        report(id, "203.0.113.21");
        assertThat(reportRows(id)).isEqualTo(3);
        assertThat(web(path).statusCode()).as("one reporter on three days").isEqualTo(200);
        assertThat(state(id)).isEqualTo("published");

        // The positive control: two more clients make three reporters.
        report(id, "203.0.113.22");
        assertThat(web(path).statusCode()).as("two reporters").isEqualTo(200);
        report(id, "203.0.113.23");
        assertThat(web(path).statusCode()).isEqualTo(404);
        assertThat(state(id)).isEqualTo("awaiting_moderation");
    }

    @Test
    void reportsArrivingTogetherAreCountedTogetherAndCrossTheThreshold() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            UUID id =
                    UUID.fromString(
                            json(submit("Hitchin allotment society " + i)).get("id").asString());
            expect(api.act(FRANK, id, "approve", null), 200);
            report(id, "203.0.113.31");
            ids.add(id);
        }
        // Two more reporters at the same moment make three: whichever is counted second sees both.
        for (UUID id : ids) {
            Replicas.atOnce(
                    30,
                    () -> {
                        report(id, "203.0.113.32");
                        return null;
                    },
                    () -> {
                        report(id, "203.0.113.33");
                        return null;
                    });
        }
        for (UUID id : ids) {
            assertThat(state(id)).as("listing %s", id).isEqualTo("awaiting_moderation");
        }
    }

    @Test
    void aNulCharacterInAListingIs400NamingItsFieldBesideTheSameListingWithout() {
        Map<String, Object> listing =
                Map.of(
                        "title", "Royston choir",
                        "summary", "Sing with us.",
                        "body", "We meet on Tuesdays.");
        HttpResponse<String> accepted = submitJson(listing);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);

        for (String field : List.of("title", "summary", "body")) {
            Map<String, Object> withNul = new HashMap<>(listing);
            withNul.put(field, listing.get(field) + NUL);
            HttpResponse<String> refused = submitJson(withNul);
            assertThat(refused.statusCode()).as(field + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValue("application/problem+json");
            assertThat(json(refused).get("errors").findValuesAsString("field")).contains(field);
        }
    }

    private HttpResponse<String> submitJson(Map<String, Object> listing) {
        return api.send(
                "POST",
                "/api/content/community/listings",
                CITIZEN,
                ContentApi.JSON.writeValueAsString(listing),
                Map.of());
    }

    /** The listing's latest report as if made {@code days} earlier (the same hour). */
    private void moveLatestReportBack(UUID id, int days) {
        jdbc.sql(
                        "UPDATE listing_report SET day = day - :days WHERE item_id = :id AND day ="
                                + " (SELECT max(day) FROM listing_report WHERE item_id = :id)")
                .param("id", id)
                .param("days", days)
                .update();
    }

    private int reportRows(UUID id) {
        return jdbc.sql("SELECT count(*) FROM listing_report WHERE item_id = :id")
                .param("id", id)
                .query(Integer.class)
                .single();
    }

    private HttpResponse<String> submit(String title) {
        return api.send(
                "POST",
                "/api/content/community/listings",
                CITIZEN,
                "{\"title\":\""
                        + title
                        + "\",\"summary\":\"Meet local people.\",\"body\":\"We meet on"
                        + " Saturdays. All welcome.\"}",
                Map.of());
    }

    private HttpResponse<String> mine() {
        return api.send("GET", "/api/content/community/listings/mine", CITIZEN, null, Map.of());
    }

    private String state(UUID id) {
        for (var listing : json(mine())) {
            if (listing.get("id").asString().equals(id.toString())) {
                return listing.get("state").asString();
            }
        }
        throw new AssertionError("not among mine: " + id);
    }

    private HttpResponse<String> web(String path) {
        return api.deliver(null, "/api/content/channels/web/pages?path=" + path, Map.of());
    }

    private void report(UUID id, String address) {
        expect(
                api.send(
                        "POST",
                        "/api/content/channels/web/items/" + id + "/report",
                        null,
                        null,
                        Map.of("X-Forwarded-For", address)),
                202);
    }
}
