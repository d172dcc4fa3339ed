package uk.gov.hertfordshire.content.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import uk.gov.hertfordshire.content.authoring.ContentChannel;

/**
 * Search over live items on a channel: PostgreSQL full-text search with English stemming, the title
 * weighted above the summary and the summary above the body, with highlighted snippets; items whose
 * title answers the query first, then their summary, then their text ({@link Stage}). A query that
 * finds nothing is tried again with each unknown word replaced by the nearest word the live items
 * use (pg_trgm similarity), so one wrong letter still finds the page. The query is parsed by {@code
 * websearch_to_tsquery}, which accepts any text: operators are just words.
 */
@Component
class Search {

    /** The longest query, in characters. */
    static final int MAX_QUERY = 200;

    static final int LIMIT = 20;

    // Control characters cannot appear in stored text, so they mark the highlights safely until
    // the snippet is escaped; then they become <mark> elements.
    private static final String START = "\u0002";
    private static final String STOP = "\u0003";

    /**
     * Where a live item answers the whole query, best first: a search lists every item of one stage
     * before any of the next, and ranks within a stage by ts_rank over the item's whole
     * search_vector (ADR 40). For a one-word query this is exactly ts_rank's own order over all
     * matches, since ts_rank puts any item with the word in its title above any without, and any
     * with it in its summary above any with it only in its text; for a longer query it is the order
     * a reader expects: a title that says it all before a summary, before a passing mention. The
     * point is cost: each stage finds its matches through its own vector's GIN index and ranks only
     * them, and the later stages run only while the page has room, so a word a third of the items
     * hold ranks the hundred or so titles that hold it, not its thousands of mentions.
     */
    enum Stage {
        /** The title alone matches the query (its title_vector, migration V6). */
        TITLE("r.title_vector @@ query AND (r.search_vector @@ query) IS TRUE"),
        /** The title and summary together do (head_vector), the title alone does not. */
        SUMMARY(
                "r.head_vector @@ query AND NOT r.title_vector @@ query AND (r.search_vector @@"
                        + " query) IS TRUE"),
        /** Only the whole text does: the stage that meets a common word's every mention. */
        TEXT(
                "r.search_vector @@ query AND NOT r.head_vector @@ query AND NOT r.title_vector"
                        + " @@ query");

        // In TITLE and SUMMARY the whole vector must match as well (a query such as "pothole
        // -wall" excludes an item whose text says "wall"), tested as a filter on the stage's few
        // matches: "IS TRUE" keeps the planner from scanning the whole-vector index for every
        // item holding the word as well. The exclusions make each item belong to one stage only.
        private final String condition;

        Stage(String condition) {
            this.condition = condition;
        }

        /**
         * The stage's live items on a channel matching {@code :q}, best first; only the {@code
         * :limit} shown are highlighted, as PostgreSQL evaluates ts_headline after the sort and
         * limit.
         */
        String query() {
            return "SELECT i.id, i.type, i.path, r.title, r.summary, ts_rank('{0.1, 0.2, 0.4,"
                    + " 1.0}', r.search_vector, query) AS rank, ts_headline('english',"
                    + " r.plain_text, query, 'StartSel="
                    + START
                    + ", StopSel="
                    + STOP
                    + ", MaxWords=30, MinWords=12, MaxFragments=2') AS snippet FROM content_item i"
                    + " JOIN content_revision r ON r.item_id = i.id AND r.revision ="
                    + " i.live_revision, websearch_to_tsquery('english', :q) AS query WHERE "
                    + condition
                    + " AND"
                    + LiveContent.ON_CHANNEL
                    + " ORDER BY rank DESC, r.title LIMIT :limit";
        }
    }

    private final JdbcClient jdbc;

    Search(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws IllegalArgumentException for an empty or over-long query (a 400)
     */
    Map<String, Object> search(ContentChannel channel, String query) {
        String q = normalised(query);
        List<Map<String, Object>> results = run(channel, q);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("query", q);
        if (results.isEmpty()) {
            Optional<String> corrected = corrected(q);
            if (corrected.isPresent()) {
                results = run(channel, corrected.get());
                if (!results.isEmpty()) {
                    answer.put("correctedQuery", corrected.get());
                }
            }
        }
        answer.put("results", results);
        return answer;
    }

    /**
     * The query as it is searched for: control characters made spaces, stripped.
     *
     * @throws IllegalArgumentException for an empty or over-long query (a 400)
     */
    static String normalised(String query) {
        String q = query == null ? "" : query.replaceAll("[\\p{Cntrl}]", " ").strip();
        if (q.isEmpty()) {
            throw new IllegalArgumentException("q must not be empty");
        }
        if (q.length() > MAX_QUERY) {
            throw new IllegalArgumentException("q must be at most " + MAX_QUERY + " characters");
        }
        return q;
    }

    /** The first {@link #LIMIT} matches, stage by stage (ADR 40). */
    private List<Map<String, Object>> run(ContentChannel channel, String q) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            if (results.size() == LIMIT) {
                break;
            }
            results.addAll(run(stage, channel, q, LIMIT - results.size()));
        }
        return results;
    }

    private List<Map<String, Object>> run(
            Stage stage, ContentChannel channel, String q, int limit) {
        return jdbc.sql(stage.query())
                .param("q", q)
                .param("channel", channel.wireValue())
                .param("publicChannel", channel.isPublic())
                .param("limit", limit)
                .query(
                        (rs, row) -> {
                            Map<String, Object> hit = new LinkedHashMap<>();
                            hit.put("id", rs.getObject("id"));
                            hit.put("type", rs.getString("type"));
                            hit.put("path", rs.getString("path"));
                            hit.put("title", rs.getString("title"));
                            hit.put("summary", rs.getString("summary"));
                            hit.put("rank", rs.getDouble("rank"));
                            hit.put("snippetHtml", highlighted(rs.getString("snippet")));
                            return hit;
                        })
                .list();
    }

    /** The query with each word the live items never use replaced by their nearest word. */
    private Optional<String> corrected(String q) {
        List<String> words = new ArrayList<>();
        boolean changed = false;
        for (String word : q.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (words.size() == 10) {
                break;
            }
            String replacement = word.length() < 3 ? word : nearest(word);
            changed |= !replacement.equals(word);
            words.add(replacement);
        }
        return changed ? Optional.of(String.join(" ", words)) : Optional.empty();
    }

    private String nearest(String word) {
        return jdbc.sql(
                        "SELECT word FROM search_word WHERE word = :w UNION ALL (SELECT word FROM"
                                + " search_word WHERE word % :w ORDER BY similarity(word, :w)"
                                + " DESC, word LIMIT 1) LIMIT 1")
                .param("w", word)
                .query(String.class)
                .optional()
                .orElse(word);
    }

    private static String highlighted(String snippet) {
        return HtmlUtils.htmlEscape(snippet).replace(START, "<mark>").replace(STOP, "</mark>");
    }
}
