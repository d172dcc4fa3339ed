package uk.gov.hertfordshire.content.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;
import static uk.gov.hertfordshire.content.support.ContentApi.with;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/** Search ranks by relevance with English stemming, forgives one wrong letter, and never fails. */
@PlatformIntegrationTest
class SearchIntegrationTest {

    @LocalServerPort int port;
    @Autowired KnownServices services;

    private ContentApi api;

    @BeforeEach
    void connect() {
        api = new ContentApi(port);
        // After the context has declared the topics (broker auto-creation is off).
        ContentApi.announceServices("pothole");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> services.unknown(List.of("pothole")).isEmpty());
    }

    @Test
    void anExactTitleMatchRanksAboveAPassingMention() {
        api.published(
                ERIN,
                FRANK,
                with(
                        page(
                                "/search/mention",
                                "Winter roads",
                                "We salt main roads. Kingfisher bridges are checked as well."),
                        "topics",
                        List.of("winter")));
        api.published(
                ERIN,
                FRANK,
                page("/search/title", "Kingfisher bridges", "How we look after bridges."));

        JsonNode results = search("web", "kingfisher bridge").get("results");
        assertThat(results.findValuesAsString("path"))
                .containsSubsequence("/search/title", "/search/mention");
        assertThat(results.get(0).get("snippetHtml").asString()).contains("<mark>");
    }

    @Test
    void aQueryMisspeltByOneLetterStillFindsTheItem() {
        api.published(
                ERIN,
                FRANK,
                page(
                        "/search/gully",
                        "Gullyemptying schedule",
                        "When the gullyemptying lorry comes. It comes each month."));

        JsonNode answer = search("web", "gullyemptyng");
        assertThat(answer.get("correctedQuery").asString()).isEqualTo("gullyemptying");
        assertThat(answer.get("results").findValuesAsString("path")).contains("/search/gully");
        JsonNode control = search("web", "gullyemptying");
        assertThat(control.has("correctedQuery")).isFalse();
        assertThat(control.get("results").findValuesAsString("path")).contains("/search/gully");
    }

    @Test
    void stemmingMatchesOtherFormsOfAWord() {
        api.published(
                ERIN,
                FRANK,
                page(
                        "/search/stem",
                        "Resurfacing works",
                        "We fix the road at night. It is resurfaced by the morning."));
        assertThat(search("web", "resurface").get("results").findValuesAsString("path"))
                .contains("/search/stem");
    }

    @Test
    void emptyOverLongAndOperatorLadenQueriesAreA400OrAnOrdinaryResultNeverA500() {
        assertThat(raw("web", "").statusCode()).isEqualTo(400);
        assertThat(raw("web", "x".repeat(201)).statusCode()).isEqualTo(400);
        for (String hostile :
                List.of(
                        "!!! & | <-> :* ( ) \" \\",
                        "pothole' OR 1=1 --",
                        "((((((",
                        "the and of",
                        "-pothole",
                        "\u0000\u0002")) {
            int status = raw("web", hostile).statusCode();
            assertThat(status).as(hostile).isIn(200, 400);
        }
        assertThat(raw("web", "pothole").statusCode()).isEqualTo(200);
    }

    private JsonNode search(String channel, String q) {
        HttpResponse<String> response = raw(channel, q);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> raw(String channel, String q) {
        return api.deliver(
                null,
                "/api/content/channels/"
                        + channel
                        + "/search?q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8),
                Map.of());
    }
}
