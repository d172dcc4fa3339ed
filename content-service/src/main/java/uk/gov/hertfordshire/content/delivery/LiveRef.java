package uk.gov.hertfordshire.content.delivery;

import java.util.UUID;

/** Which revision of an item a channel serves at a path: enough to name its rendition. */
record LiveRef(UUID id, String path, int revision) {

    /** The same quoted strong ETag as {@link LiveItem#etag}. */
    String etag(String channel) {
        return LiveItem.etag(id, revision, channel);
    }
}
