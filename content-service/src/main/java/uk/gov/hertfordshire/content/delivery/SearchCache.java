package uk.gov.hertfordshire.content.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.content.authoring.ContentChannel;

/**
 * Search answers as JSON, kept in memory under the database's search generation: a number that
 * every transaction changing items, revisions or the spelling list moves on as it commits
 * (migration V5). Each search reads the number first (one indexed row), so an answer is used only
 * while nothing it was made from has changed, in every instance at once, with no messages and no
 * time to live: a page published or withdrawn is in or out of the very next search. A search that
 * ranks thousands of matches then runs once per query and change, not once per request (ADR 28,
 * docs/benchmarks/content.md). The least recently used answers make room when the cache is full
 * ({@code platform.content.delivery.search-cache-size}, 8 MB).
 */
@Component
class SearchCache {

    private final Search search;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Cache<Key, byte[]> answers;
    private final AtomicLong newest = new AtomicLong(-1);

    SearchCache(
            Search search,
            JdbcClient jdbc,
            JsonMapper json,
            @Value("${platform.content.delivery.search-cache-size:8MB}") DataSize size) {
        this.search = search;
        this.jdbc = jdbc;
        this.json = json;
        this.answers =
                Caffeine.newBuilder()
                        .maximumWeight(size.toBytes())
                        .weigher((Key key, byte[] answer) -> key.query().length() + answer.length)
                        .recordStats()
                        .build();
    }

    /**
     * The answer to {@code query} on the channel, as JSON.
     *
     * @throws IllegalArgumentException for an empty or over-long query (a 400)
     */
    byte[] answer(ContentChannel channel, String query) {
        String q = Search.normalised(query);
        long generation =
                jdbc.sql("SELECT generation FROM search_generation").query(Long.class).single();
        if (generation > newest.getAndAccumulate(generation, Math::max)) {
            // Nothing under an older number can be asked for again: free the room now.
            answers.invalidateAll();
        }
        Key key = new Key(generation, channel, q);
        byte[] cached = answers.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        // Computed outside the cache's own lock: a slow search must not hold up other keys.
        byte[] answer = json.writeValueAsBytes(search.search(channel, q));
        answers.put(key, answer);
        return answer;
    }

    CacheStats stats() {
        return answers.stats();
    }

    private record Key(long generation, ContentChannel channel, String query) {}
}
