package uk.gov.hertfordshire.content.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The live revision of an item, as the channels serve it.
 *
 * @param details the type-specific fields (parts, steps, priority, times, call script) as JSON
 *     values
 */
record LiveItem(
        UUID id,
        String type,
        String path,
        int revision,
        Instant publishedAt,
        String title,
        String summary,
        String body,
        Map<String, Object> details,
        List<String> topics,
        List<String> serviceCodes,
        List<String> channels,
        String audience,
        String plainText) {

    /** A quoted strong ETag: a live revision's rendition on one channel never changes. */
    String etag(String channel) {
        return etag(id, revision, channel);
    }

    static String etag(UUID id, int revision, String channel) {
        return "\"" + id + "-r" + revision + "-" + channel + "\"";
    }
}
