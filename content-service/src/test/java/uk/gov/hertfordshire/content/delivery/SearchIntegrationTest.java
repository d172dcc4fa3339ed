package uk.gov.hertfordshire.content.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.content.support.ContentApi.AGENT;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.JSON;
import static uk.gov.hertfordshire.content.support.ContentApi.expect;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;
import static uk.gov.hertfordshire.content.support.ContentApi.with;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/** Search ranks by relevance with English stemming, forgives one wrong letter, and never fails. */
@PlatformIntegrationTest
class SearchIntegrationTest {

    @LocalServerPort int port;
    @Autowired KnownServices services;
    @Autowired JdbcClient jdbc;
    @Autowired SearchCache searchCache;
    @Autowired DataSource dataSource;

    private ContentApi api;

    @BeforeEach
    void connect() {
        api = new ContentApi(port);
        // After the context has declared the topics (broker auto-creation is off).
        ContentApi.announceServices(services, "pothole");
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
    void queriesOverTheStarterPagesFindWhatAReaderOfThosePagesWould() {
        // Worked out by reading seed/starter-content.json. "library": the public web pages whose
        // title, summary or text hold a form of the word; the four with it in their title rank
        // above the one that only mentions it.
        List<String> library = paths(search("web", "library"));
        assertThat(library)
                .containsExactlyInAnyOrder(
                        "/libraries/join-the-library",
                        "/libraries/opening-hours",
                        "/news/new-library-app",
                        "/community/watford-baby-rhyme-time",
                        "/news/summer-reading-challenge");
        assertThat(library.get(4)).isEqualTo("/news/summer-reading-challenge");
        // Every word must be there: the renewal page names all three in its title; the
        // application page names renewal only in a link, and the staff article never shows.
        assertThat(paths(search("web", "renew a blue badge")))
                .containsExactly("/parking/renew-a-blue-badge", "/parking/apply-for-a-blue-badge");
        assertThat(paths(search("web", "blue badge")))
                .containsExactlyInAnyOrder(
                        "/parking/renew-a-blue-badge", "/parking/apply-for-a-blue-badge");
        assertThat(
                        paths(
                                json(
                                        api.deliver(
                                                AGENT,
                                                searchPath("contact_centre", "blue badge"),
                                                Map.of()))))
                .containsExactlyInAnyOrder(
                        "/parking/renew-a-blue-badge",
                        "/parking/apply-for-a-blue-badge",
                        "/kb/blue-badge-eligibility");
        JsonNode misspelt = search("web", "libary");
        assertThat(misspelt.get("correctedQuery").asString()).isEqualTo("library");
        assertThat(paths(misspelt)).containsExactlyInAnyOrderElementsOf(library);
    }

    /**
     * A repeated search is answered from memory, and a publish or a withdrawal is in the very next
     * search: the cache is keyed by the database's search generation (migration V5), which the
     * change moves on as it commits.
     */
    @Test
    void aRepeatedSearchIsCachedUntilAPublishOrWithdrawalChangesWhatItFinds() {
        UUID first =
                api.published(
                        ERIN,
                        FRANK,
                        page("/search/heron-1", "Heronwatch walks", "Walks by water."));
        // Background writes after a publish (its announcement) move the generation on too, so
        // the repeat is awaited: once nothing changes, the same question is answered from memory.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            assertThat(paths(search("web", "heronwatch")))
                                    .containsExactly("/search/heron-1");
                            long hits = searchCache.stats().hitCount();
                            assertThat(paths(search("web", "heronwatch")))
                                    .containsExactly("/search/heron-1");
                            assertThat(searchCache.stats().hitCount()).isEqualTo(hits + 1);
                        });

        // No waiting from here: each change is in the next answer.
        api.published(ERIN, FRANK, page("/search/heron-2", "Heronwatch talks", "Talks in town."));
        assertThat(paths(search("web", "heronwatch")))
                .containsExactlyInAnyOrder("/search/heron-1", "/search/heron-2");
        expect(api.act(FRANK, first, "unpublish", null), 200);
        assertThat(paths(search("web", "heronwatch"))).containsExactly("/search/heron-2");
        // A change made with SQL, as the benchmark makes its items, counts as well.
        jdbc.sql(
                        "UPDATE content_item SET live_revision = NULL, status = 'draft' WHERE"
                                + " path = '/search/heron-2'")
                .update();
        assertThat(paths(search("web", "heronwatch"))).isEmpty();
    }

    /**
     * Two transactions that write content in opposite orders finish: the search generation's row is
     * locked only as each commits (deferred triggers, migration V5). Locked at each statement
     * instead, the first would hold it while waiting for the second's item, and the second wait for
     * it: PostgreSQL would abort one as a deadlock.
     */
    @Test
    void writersInOppositeOrdersDoNotDeadlockOnTheSearchGeneration() throws Exception {
        UUID a =
                api.published(
                        ERIN, FRANK, page("/search/lock-a", "Gate walks", "We walk to the gate."));
        UUID b =
                api.published(
                        ERIN, FRANK, page("/search/lock-b", "Gate talks", "We talk at the gate."));
        long before = generation();
        try (Connection first = dataSource.getConnection();
                Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            touch(first, a);
            CompletableFuture<Void> secondOnB = CompletableFuture.runAsync(() -> touch(second, b));
            secondOnB.get(10, TimeUnit.SECONDS);
            // Waits for the second's lock on b, which the second gives up as it commits.
            CompletableFuture<Void> firstOnB = CompletableFuture.runAsync(() -> touch(first, b));
            second.commit();
            firstOnB.get(10, TimeUnit.SECONDS);
            first.commit();
        }
        assertThat(generation()).isGreaterThanOrEqualTo(before + 2);
    }

    private long generation() {
        return jdbc.sql("SELECT generation FROM search_generation").query(Long.class).single();
    }

    private static void touch(Connection connection, UUID id) {
        try (PreparedStatement update =
                connection.prepareStatement(
                        "UPDATE content_item SET updated_at = now() WHERE id = ?")) {
            update.setObject(1, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ranking reads every match's search vector, so it must come from the match's row: a vector
     * moved to TOAST costs an index probe and chunk reads for each match (migration V4).
     */
    @Test
    void rankingManyMatchesReadsFewerThanTwoBlocksForEach() {
        int items = 300;
        try {
            insertWideItems(items);
            assertThat(
                            jdbc.sql(
                                            "SELECT count(*) FROM content_revision WHERE"
                                                    + " search_vector @@ to_tsquery('english',"
                                                    + " 'widevector')")
                                    .query(Long.class)
                                    .single())
                    .isEqualTo(items);
            JsonNode plan = explain(Search.Stage.TEXT, "widevector");
            long blocks =
                    plan.get("Shared Hit Blocks").asLong()
                            + plan.get("Shared Read Blocks").asLong();
            assertThat(blocks).isPositive().isLessThan(2L * items);
            assertThat(
                            jdbc.sql(
                                            "SELECT attstorage FROM pg_attribute WHERE attrelid ="
                                                    + " 'content_revision'::regclass AND attname ="
                                                    + " 'search_vector'")
                                    .query(String.class)
                                    .single())
                    .isEqualTo("m");
        } finally {
            deleteWideItems();
        }
    }

    @Test
    void aWordFewItemsHoldIsFoundThroughTheFullTextIndex() {
        try {
            insertWideItems(300);
            String rare =
                    jdbc.sql("SELECT 'w' || left(md5('/guard/wide-7:1'), 10)")
                            .query(String.class)
                            .single();
            JsonNode plan = explain(Search.Stage.TEXT, rare);
            assertThat(plan.findValuesAsString("Index Name")).contains("content_revision_search");
            assertThat(plan.get("Actual Rows").asLong()).isEqualTo(1);
        } finally {
            deleteWideItems();
        }
    }

    /**
     * Search ranks in stages (ADR 40): titles holding the word, then summaries, then text, each
     * stage only while the page has room. For one word that must be exactly ts_rank's own order
     * over every match, worked out here by one statement that ranks them all: a summary or text
     * mention is listed when the titles leave room, and cut only where ts_rank would cut it too.
     */
    @Test
    void aOneWordSearchListsWhatRankingEveryMatchWould() {
        try {
            // Fewer titles than a page: the summaries and texts that hold the word follow them.
            insertItems("/guard/stage-title-", 3, "Quillwort survey", "Pond plants.", "Ponds.");
            insertItems(
                    "/guard/stage-summary-",
                    4,
                    "Pond plants",
                    "Quillwort and more quillwort, quillwort.",
                    "Ponds.");
            insertItems(
                    "/guard/stage-text-",
                    5,
                    "Pond survey",
                    "Pond plants.",
                    "Quillwort " + "quillwort grows here. ".repeat(40));
            List<String> found = paths(search("web", "quillwort"));
            assertThat(found).hasSize(12).isEqualTo(rankedByTsRank("quillwort", 20));
            assertThat(found.subList(0, 3)).allMatch(p -> p.startsWith("/guard/stage-title-"));
            assertThat(found.subList(3, 7)).allMatch(p -> p.startsWith("/guard/stage-summary-"));
            assertThat(found.subList(7, 12)).allMatch(p -> p.startsWith("/guard/stage-text-"));

            // Eighteen titles: the page ends inside the summaries, where ranking every match ends
            // it too, and no text mention is listed.
            insertItems("/guard/stage-more-", 15, "Quillwort pools", "Pools.", "Pools.");
            List<String> page = paths(search("web", "quillwort"));
            assertThat(page).hasSize(Search.LIMIT).isEqualTo(rankedByTsRank("quillwort", 20));
            assertThat(page.subList(0, 18))
                    .allMatch(p -> p.contains("-title-") || p.contains("-more-"));
            assertThat(page.subList(18, 20)).allMatch(p -> p.contains("-summary-"));
        } finally {
            deleteItems("/guard/stage-");
        }
    }

    /**
     * The trade ADR 40 makes for a longer query: an item whose summary holds every word comes
     * before one whose text only does, even where ts_rank alone would put the text first (the words
     * side by side in the text); both are still found.
     */
    @Test
    void anItemWhoseSummaryAnswersComesBeforeOneWhoseTextDoes() {
        try {
            insertItems(
                    "/guard/trade-text-",
                    1,
                    "Pond survey",
                    "Pond plants.",
                    "Quillwort meadow. ".repeat(30));
            insertItems(
                    "/guard/trade-summary-", 1, "Quillwort survey", "Grows by a meadow.", "Ponds.");
            assertThat(rankedByTsRank("quillwort meadow", 20))
                    .containsExactly("/guard/trade-text-1", "/guard/trade-summary-1");
            assertThat(paths(search("web", "quillwort meadow")))
                    .containsExactly("/guard/trade-summary-1", "/guard/trade-text-1");
        } finally {
            deleteItems("/guard/trade-");
        }
    }

    /** The live web items matching {@code q}, ranked by ts_rank over every match at once. */
    private List<String> rankedByTsRank(String q, int limit) {
        return jdbc.sql(
                        "SELECT i.path FROM content_item i JOIN content_revision r ON r.item_id ="
                                + " i.id AND r.revision = i.live_revision,"
                                + " websearch_to_tsquery('english', :q) AS query WHERE"
                                + " r.search_vector @@ query AND 'web' = ANY (r.channels) AND"
                                + " r.audience = 'public' ORDER BY ts_rank('{0.1, 0.2, 0.4, 1.0}',"
                                + " r.search_vector, query) DESC, r.title LIMIT :limit")
                .param("q", q)
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /**
     * Live public web items written with SQL, as the benchmark writes its items; each title ends in
     * the item's number, so items that rank the same are listed in one order.
     */
    private void insertItems(
            String pathPrefix, int count, String title, String summary, String text) {
        jdbc.sql(
                        "INSERT INTO content_item (id, type, path, status, latest_revision,"
                                + " live_revision, version, published_at, announced_revision,"
                                + " created_at, updated_at) SELECT gen_random_uuid(),"
                                + " 'service_page', :prefix || g, 'published', 1, 1, 1, now(), 1,"
                                + " now(), now() FROM generate_series(1, :count) g")
                .param("prefix", pathPrefix)
                .param("count", count)
                .update();
        jdbc.sql(
                        "INSERT INTO content_revision (item_id, revision, title, summary, body,"
                                + " topics, service_codes, channels, audience, review_by,"
                                + " plain_text, author_staff_id, created_at) SELECT id, 1,"
                                + " :title || ' ' || substring(path FROM '[0-9]+$'), :summary,"
                                + " :text, '{guard}', '{}', '{web}', 'public',"
                                + " DATE '2030-01-01', :text, 'guard', now() FROM content_item"
                                + " WHERE path LIKE :prefix || '%' AND live_revision = 1 AND NOT"
                                + " EXISTS (SELECT 1 FROM content_revision r WHERE r.item_id ="
                                + " content_item.id)")
                .param("prefix", pathPrefix)
                .param("title", title)
                .param("summary", summary)
                .param("text", text)
                .update();
    }

    private void deleteItems(String pathPrefix) {
        jdbc.sql(
                        "DELETE FROM content_revision WHERE item_id IN (SELECT id FROM"
                                + " content_item WHERE path LIKE :prefix || '%')")
                .param("prefix", pathPrefix)
                .update();
        jdbc.sql("DELETE FROM content_item WHERE path LIKE :prefix || '%'")
                .param("prefix", pathPrefix)
                .update();
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

    private static List<String> paths(JsonNode answer) {
        return answer.get("results").findValuesAsString("path");
    }

    /** The plan of a stage's statement, as PostgreSQL ran it for {@code q} on web. */
    private JsonNode explain(Search.Stage stage, String q) {
        String plan =
                jdbc.sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + stage.query())
                        .param("q", q)
                        .param("channel", "web")
                        .param("publicChannel", true)
                        .param("limit", Search.LIMIT)
                        .query(String.class)
                        .single();
        return JSON.readTree(plan).get(0).get("Plan");
    }

    /**
     * Live web items written with SQL, as the benchmark writes its items: each text is 150 distinct
     * made-up words and "widevector", so its search vector is about 3 kB, wider than a row kept
     * whole by default.
     */
    private void insertWideItems(int count) {
        jdbc.sql(
                        "INSERT INTO content_item (id, type, path, status, latest_revision,"
                                + " live_revision, version, published_at, announced_revision,"
                                + " created_at, updated_at) SELECT gen_random_uuid(),"
                                + " 'service_page', '/guard/wide-' || g, 'published', 1, 1, 1,"
                                + " now(), 1, now(), now() FROM generate_series(1, :count) g")
                .param("count", count)
                .update();
        jdbc.sql(
                        "WITH text AS (SELECT i.id, 'Widevector ' || (SELECT string_agg('w' ||"
                                + " left(md5(i.path || ':' || k), 10), ' ') FROM generate_series(1, 150)"
                                + " k) || '.' AS t FROM content_item i WHERE i.path LIKE"
                                + " '/guard/wide-%') INSERT INTO content_revision (item_id,"
                                + " revision, title, summary, body, topics, service_codes,"
                                + " channels, audience, review_by, plain_text, author_staff_id,"
                                + " created_at) SELECT id, 1, 'Wide vector', 'A wide vector.', t,"
                                + " '{guard}', '{}', '{web}', 'public', DATE '2030-01-01', t,"
                                + " 'guard', now() FROM text")
                .update();
        jdbc.sql("ANALYZE content_revision").update();
        jdbc.sql("ANALYZE content_item").update();
    }

    private void deleteWideItems() {
        jdbc.sql(
                        "DELETE FROM content_revision WHERE item_id IN (SELECT id FROM"
                                + " content_item WHERE path LIKE '/guard/wide-%')")
                .update();
        jdbc.sql("DELETE FROM content_item WHERE path LIKE '/guard/wide-%'").update();
    }

    private JsonNode search(String channel, String q) {
        HttpResponse<String> response = raw(channel, q);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private HttpResponse<String> raw(String channel, String q) {
        return api.deliver(null, searchPath(channel, q), Map.of());
    }

    private static String searchPath(String channel, String q) {
        return "/api/content/channels/"
                + channel
                + "/search?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8);
    }
}
