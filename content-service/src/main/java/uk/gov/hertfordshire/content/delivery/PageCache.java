package uk.gov.hertfordshire.content.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.content.authoring.ContentChannel;

/**
 * Rendered pages as the JSON a channel is sent, kept in memory by ETag: a live revision's rendition
 * on one channel never changes (a change is a new revision, so a new key), so nothing is ever
 * invalidated and nothing stale is served; the least recently used pages make room when the cache
 * is full ({@code platform.content.delivery.page-cache-size}, 16 MB). Rendering (CommonMark, the
 * sanitiser, JSON) is then done once per revision and channel, not once per read.
 */
@Component
class PageCache {

    private final Cache<String, byte[]> pages;
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
                        .weigher((String key, byte[] page) -> key.length() + page.length)
                        .build();
    }

    /** The page's rendition on the channel, as JSON. */
    byte[] page(LiveRef ref, ContentChannel channel) {
        // The path is part of the key, so a rendition never names a path its item has left (an
        // edit's new path moves the item only with the edit's revision, but keys cost nothing).
        return pages.get(
                ref.etag(channel.wireValue()) + ref.path(),
                key ->
                        json.writeValueAsBytes(
                                renditions.render(live.atRevision(ref).orElseThrow(), channel)));
    }
}
