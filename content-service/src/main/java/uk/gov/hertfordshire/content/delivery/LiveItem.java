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

    /**
     * This revision as served from a {@link LiveRef}: at the reference's path and from its time, so
     * a rendition is made only from what names it.
     */
    LiveItem as(LiveRef ref) {
        return new LiveItem(
                id,
                type,
                ref.path(),
                revision,
                ref.publishedAt(),
                title,
                summary,
                body,
                details,
                topics,
                serviceCodes,
                channels,
                audience,
                plainText);
    }
}
