package uk.gov.hertfordshire.content.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.content.support.ContentApi.AGENT;
import static uk.gov.hertfordshire.content.support.ContentApi.CITIZEN;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.expect;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;
import static uk.gov.hertfordshire.content.support.ContentApi.with;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.content.authoring.ContentChannel;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** What each channel serves of a published item, and to whom. */
@PlatformIntegrationTest
class DeliveryIntegrationTest {

    static final String SCRIPT_WORDS = "Read back the reference number";

    @LocalServerPort int port;
    @Autowired KnownServices services;
    @Autowired LiveContent live;
    @Autowired Renditions renditions;
    @Autowired JsonMapper jsonMapper;

    private ContentApi api;

    @BeforeEach
    void connect() {
        api = new ContentApi(port);
        // After the context has declared the topics (broker auto-creation is off).
        ContentApi.announceServices(services, "pothole", "street-light");
    }

    @Test
    void aStaffItemIsOnNoPublicChannelAndItsCallScriptOnlyOnTheContactCentre() {
        Map<String, Object> article =
                with(
                        with(
                                with(
                                        with(
                                                page(
                                                        "/kb/test-staff-only",
                                                        "Staff only article",
                                                        "Agents check the map first."),
                                                "type",
                                                "knowledge_article"),
                                        "audience",
                                        "staff"),
                                "channels",
                                List.of("contact_centre", "intranet")),
                        "callScript",
                        "1. Ask where it is.\n2. " + SCRIPT_WORDS + ".");
        api.published(ERIN, FRANK, article);
        String path = "?path=/kb/test-staff-only";

        for (String channel : List.of("web", "digital_tv")) {
            assertThat(deliver(null, channel, "/pages" + path).statusCode()).isEqualTo(404);
            assertThat(deliver(AGENT, channel, "/pages" + path).statusCode()).isEqualTo(404);
            assertThat(deliver(null, channel, "/search?q=staff+only+article").body())
                    .doesNotContain("test-staff-only");
        }
        assertThat(deliver(null, "intranet", "/pages" + path).statusCode()).isEqualTo(401);
        assertThat(deliver(CITIZEN, "contact_centre", "/pages" + path).statusCode()).isEqualTo(403);

        HttpResponse<String> intranet = deliver(AGENT, "intranet", "/pages" + path);
        assertThat(intranet.statusCode()).isEqualTo(200);
        assertThat(intranet.body())
                .contains("Agents check the map first")
                .doesNotContain(SCRIPT_WORDS);

        HttpResponse<String> contactCentre = deliver(AGENT, "contact_centre", "/pages" + path);
        assertThat(contactCentre.statusCode()).isEqualTo(200);
        assertThat(json(contactCentre).get("callScriptHtml").asString()).contains(SCRIPT_WORDS);
    }

    @Test
    void anUnchangedPageIs304WithItsETagAndAChangedOneIsServedAgain() {
        Map<String, Object> item = page("/dl/cached", "Cached page", "Version one of the page.");
        UUID id = api.published(ERIN, FRANK, item);
        HttpResponse<String> first = deliver(null, "web", "/pages?path=/dl/cached");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow())
                .contains("max-age=60");

        HttpResponse<String> again =
                api.deliver(
                        null,
                        "/api/content/channels/web/pages?path=/dl/cached",
                        Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        // Read again in full: the rendition kept in memory is the one first sent.
        HttpResponse<String> cached = deliver(null, "web", "/pages?path=/dl/cached");
        assertThat(cached.body()).isEqualTo(first.body());
        assertThat(cached.headers().firstValue("Content-Type")).hasValue("application/json");

        api.put(ERIN, id, api.etag(id), with(with(item, "type", null), "body", "Version two."));
        api.act(ERIN, id, "submit", null);
        api.act(FRANK, id, "approve", null);
        HttpResponse<String> changed =
                api.deliver(
                        null,
                        "/api/content/channels/web/pages?path=/dl/cached",
                        Map.of("If-None-Match", etag));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(json(changed).get("html").asString()).contains("Version two.");
    }

    /**
     * The same revision of a page can be served as two different bodies: taken off and approved
     * again, it is live from a new time ({@code publishedAt}). A client (or the gateway) holding
     * the first body's ETag must get the new body, not a 304; the new body's ETag is then 304 (the
     * control), and a full read serves the new body, not the first one kept in memory.
     */
    @Test
    void aPageApprovedAgainAtTheSameRevisionIsNotAnsweredWithTheFirstBodysETag() {
        String path = "/pages?path=/dl/approved-again";
        UUID id =
                api.published(
                        ERIN,
                        FRANK,
                        page("/dl/approved-again", "Approved again", "The same words each time."));
        HttpResponse<String> first = deliver(null, "web", path);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        expect(api.act(FRANK, id, "unpublish", null), 200);
        assertThat(deliver(null, "web", path).statusCode()).isEqualTo(404);
        expect(api.act(ERIN, id, "submit", null), 200);
        expect(api.act(FRANK, id, "approve", null), 200);
        Instant publishedAgain =
                Instant.parse(json(api.get(FRANK, id)).get("publishedAt").asString());

        HttpResponse<String> conditional =
                api.deliver(
                        null, "/api/content/channels/web" + path, Map.of("If-None-Match", etag));
        HttpResponse<String> full = deliver(null, "web", path);
        assertSoftly(
                soft -> {
                    soft.assertThat(json(full).get("revision").asInt()).isEqualTo(1);
                    soft.assertThat(Instant.parse(json(full).get("publishedAt").asString()))
                            .as("publishedAt served after approving again")
                            .isEqualTo(publishedAgain);
                    soft.assertThat(full.body()).isNotEqualTo(first.body());
                    soft.assertThat(conditional.statusCode())
                            .as("If-None-Match with the first body's ETag, the body since changed")
                            .isEqualTo(200);
                    soft.assertThat(conditional.body()).isEqualTo(full.body());
                    soft.assertThat(full.headers().firstValue("ETag"))
                            .isPresent()
                            .isNotEqualTo(Optional.of(etag));
                });

        HttpResponse<String> unchanged =
                api.deliver(
                        null,
                        "/api/content/channels/web" + path,
                        Map.of("If-None-Match", full.headers().firstValue("ETag").orElseThrow()));
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.headers().firstValue("ETag"))
                .isEqualTo(full.headers().firstValue("ETag"));
    }

    /**
     * A page's ETag names its bytes, not the render: another instance, or this one after a restart
     * (a fresh page cache, rendering the page again), tags the same page the same, so a client's or
     * the gateway's If-None-Match still gets its 304 from any of them. The control: another page,
     * rendered by the same fresh cache, is tagged otherwise.
     */
    @Test
    void aPageHasTheSameETagFromAFreshPageCacheAsTheOneServed() {
        api.published(ERIN, FRANK, page("/dl/same-tag", "Same tag", "The same words."));
        api.published(ERIN, FRANK, page("/dl/other-tag", "Other tag", "Other words."));
        HttpResponse<String> served = deliver(null, "web", "/pages?path=/dl/same-tag");
        String etag = served.headers().firstValue("ETag").orElseThrow();

        PageCache.Page rendered = freshPage("/dl/same-tag");
        assertThat(new String(rendered.body(), StandardCharsets.UTF_8)).isEqualTo(served.body());
        assertThat(rendered.etag()).as("the ETag from a fresh page cache").isEqualTo(etag);
        assertThat(freshPage("/dl/same-tag").etag()).isEqualTo(etag);
        assertThat(freshPage("/dl/other-tag").etag()).isNotEqualTo(etag);
    }

    /** The page at the path on the web, rendered by a page cache of its own, as at a restart. */
    private PageCache.Page freshPage(String path) {
        PageCache fresh = new PageCache(live, renditions, jsonMapper, DataSize.ofMegabytes(1));
        return fresh.page(
                live.refByPath(ContentChannel.WEB, path).orElseThrow(), ContentChannel.WEB);
    }

    @Test
    void digitalTvGetsPlainTextWithinItsLimitsCutAtAWord() {
        String title = "Roadworks on the A414 between Hertford and Hatfield this spring";
        String sentence = "Crews will work on the road at night to keep it open by day. ";
        Map<String, Object> item =
                page("/dl/tv-limits", title, "**Important:** " + sentence.repeat(12));
        api.published(ERIN, FRANK, item);

        HttpResponse<String> tv = deliver(null, "digital_tv", "/pages?path=/dl/tv-limits");
        String tvTitle = json(tv).get("title").asString();
        String text = json(tv).get("text").asString();
        assertThat(tvTitle.length()).isLessThanOrEqualTo(60);
        assertThat(tvTitle).endsWith("…").startsWith("Roadworks on the A414 between Hertford and");
        assertThat(text.length()).isLessThanOrEqualTo(500);
        assertThat(text).startsWith("Important: Crews").endsWith("by day.").doesNotContain("**");
        assertThat(json(tv).has("html")).isFalse();
        HttpResponse<String> web = deliver(null, "web", "/pages?path=/dl/tv-limits");
        assertThat(json(web).get("html").asString()).contains("<strong>Important:</strong>");
    }

    @Test
    void scriptsEventHandlersAndJavascriptLinksNeverReachAChannel() {
        String body =
                "Safe text.\n\n<script>alert('x')</script>\n\n<img src=\"/a.png\""
                        + " onerror=\"alert(1)\" alt=\"a map\">\n\n[the map](javascript:alert(1))";
        UUID id = api.created(ERIN, page("/dl/hostile", "Hostile body", body));
        api.act(ERIN, id, "submit", null);
        HttpResponse<String> refused = api.act(FRANK, id, "approve", null);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("sanitised").contains("<script>").contains("onerror");

        HttpResponse<String> preview =
                api.send("GET", "/api/content/items/" + id + "/gates", ERIN, null, Map.of());
        assertThat(json(preview).get("failures").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void listsFindLiveItemsByTopicAndByServiceCode() {
        api.published(
                ERIN,
                FRANK,
                with(
                        with(
                                page("/dl/lights", "Dark streets", "Lights out at night."),
                                "topics",
                                List.of("lighting-test")),
                        "serviceCodes",
                        List.of("street-light")));
        assertThat(deliver(null, "web", "/items?topic=lighting-test").body())
                .contains("/dl/lights");
        assertThat(deliver(null, "web", "/items?serviceCode=street-light").body())
                .contains("/dl/lights");
        assertThat(deliver(null, "web", "/items?topic=unknown-topic").body()).isEqualTo("[]");
    }

    @Test
    void anAlertShowsWhileInForceAndComesOffAtItsEndWithItsEvents() {
        java.time.Instant now = java.time.Instant.now();
        Map<String, Object> alert =
                with(
                        with(
                                with(
                                        with(
                                                page(
                                                        "/dl/alert-now",
                                                        "Road closed at the bridge",
                                                        "The road is shut. Use the signed way round."),
                                                "type",
                                                "alert"),
                                        "priority",
                                        "high"),
                                "startsAt",
                                now.minusSeconds(3600).toString()),
                        "endsAt",
                        now.plusSeconds(4).toString());
        UUID id = api.published(ERIN, FRANK, alert);
        assertThat(deliver(null, "digital_tv", "/alerts").body()).contains("/dl/alert-now");

        // The publication watch takes it off the channels at its end.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> deliver(null, "web", "/pages?path=/dl/alert-now").statusCode() == 404);
        assertThat(deliver(null, "web", "/alerts").body()).doesNotContain("/dl/alert-now");
        assertThat(ContentApi.awaitEventTypes(id, 4))
                .containsExactly(
                        "uk.gov.hertfordshire.content.published.v1",
                        "uk.gov.hertfordshire.content.alert-raised.v1",
                        "uk.gov.hertfordshire.content.unpublished.v1",
                        "uk.gov.hertfordshire.content.alert-ended.v1");
    }

    @Test
    void aNulCharacterInALookupIsAProblemNamingTheParameterBesideTheSameLookupWithout() {
        api.published(
                ERIN,
                FRANK,
                with(
                        with(
                                page("/dl/nul-lookup", "Gritting routes", "We grit main roads."),
                                "topics",
                                List.of("gritting-test")),
                        "serviceCodes",
                        List.of("street-light")));
        assertThat(deliver(null, "web", "/pages?path=/dl/nul-lookup").statusCode()).isEqualTo(200);
        assertThat(deliver(null, "web", "/items?topic=gritting-test").body())
                .contains("/dl/nul-lookup");
        assertThat(deliver(null, "web", "/items?serviceCode=street-light").body())
                .contains("/dl/nul-lookup");

        assertRefused(deliver(null, "web", "/pages?path=%00"), "path");
        assertRefused(deliver(null, "web", "/pages?path=/dl/nul-lookup%00"), "path");
        assertRefused(deliver(null, "digital_tv", "/pages?path=/dl/nul%00-lookup"), "path");
        assertRefused(deliver(null, "web", "/items?topic=%00"), "topic");
        assertRefused(deliver(null, "web", "/items?topic=gritting-test%00"), "topic");
        assertRefused(deliver(null, "web", "/items?serviceCode=%00"), "serviceCode");
        assertRefused(deliver(null, "web", "/items?serviceCode=street-light%00"), "serviceCode");
    }

    private static void assertRefused(HttpResponse<String> response, String parameter) {
        assertThat(response.statusCode()).as(parameter + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(json(response).get("errors").findValuesAsString("field")).contains(parameter);
    }

    private HttpResponse<String> deliver(TestIssuer.TokenBuilder who, String channel, String rest) {
        return api.deliver(who, "/api/content/channels/" + channel + rest, Map.of());
    }
}
