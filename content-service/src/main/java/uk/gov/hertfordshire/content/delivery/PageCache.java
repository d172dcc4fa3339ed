package uk.gov.hertfordshire.content.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.content.authoring.ContentChannel;

/**
 * Rendered pages as the JSON a channel is sent, with their ETags, kept in memory by what a
 * rendition is made from: the item, its revision, the path and time it went live ({@link LiveRef})
 * and the channel. A revision's text never changes, but the same revision can be live again at
 * another time (unpublished, then approved again), so the key holds that time too: a key's page
 * never changes, nothing is invalidated and nothing stale is served; the least recently used pages
 * make room when the cache is full ({@code platform.content.delivery.page-cache-size}, 16 MB).
 * Rendering (CommonMark, the sanitiser, JSON) is then done once per key, not once per read.
 *
 * <p>The strong ETag is a hash of the bytes sent, so two different bodies never share one, even
 * from instances whose rendering differs (another version, other digital TV limits).
 */
@Component
class PageCache {

    /** Bytes of the digest kept in the ETag: 128 bits. */
    private static final int TAG_BYTES = 16;

    private final Cache<Key, Page> pages;
    private final LiveContent live;
    private final Renditions renditions;
    private final JsonMapper json;

    PageCache(
            LiveContent live,
            Renditions renditions,
            JsonMapper json,
            @Value("${platform.content.delivery.page-cache-size:16MB}") DataSize size) {
        this.live = live;
        this.renditions = renditions;
        this.json = json;
        this.pages =
                Caffeine.newBuilder()
                        .maximumWeight(size.toBytes())
                        .weigher((Key key, Page page) -> key.weight() + page.weight())
                        .build();
    }

    /** The page's rendition on the channel, as JSON, with its ETag. */
    Page page(LiveRef ref, ContentChannel channel) {
        return pages.get(
                new Key(ref.id(), ref.revision(), ref.path(), ref.publishedAt(), channel),
                key -> {
                    byte[] body =
                            json.writeValueAsBytes(
                                    renditions.render(live.atRevision(ref).orElseThrow(), channel));
                    return new Page(body, etag(ref.revision(), body));
                });
    }

    /**
     * A quoted strong ETag naming exactly these bytes: the revision (for whoever reads logs) and
     * the first 128 bits of their SHA-256.
     */
    static String etag(int revision, byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"r"
                    + revision
                    + "-"
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(Arrays.copyOf(digest, TAG_BYTES))
                    + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A rendered page.
     *
     * @param body the JSON sent
     * @param etag its quoted strong ETag
     */
    record Page(byte[] body, String etag) {

        int weight() {
            return body.length + etag.length();
        }
    }

    /** What a rendition is made from (besides the revision's text, which never changes). */
    private record Key(
            UUID id, int revision, String path, Instant publishedAt, ContentChannel channel) {

        int weight() {
            return 64 + path.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
