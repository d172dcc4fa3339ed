package uk.gov.hertfordshire.content.authoring;

import java.util.Locale;

/**
 * Where an item's latest revision is in the workflow. Which status follows which is decided by
 * {@link ContentAction}, not here. Whether anything is live is a separate fact (the live revision):
 * an edit to a published page is a draft while the published revision stays on the channels.
 */
public enum ContentStatus {
    DRAFT,
    IN_REVIEW,
    SCHEDULED,
    PUBLISHED,
    ARCHIVED;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ContentStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
