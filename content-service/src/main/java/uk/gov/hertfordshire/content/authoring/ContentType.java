package uk.gov.hertfordshire.content.authoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of content item; each has its own field rules ({@link ItemRules}). */
public enum ContentType {
    SERVICE_PAGE,
    GUIDE,
    STEP_BY_STEP,
    NEWS,
    ALERT,
    KNOWLEDGE_ARTICLE,
    INTRANET_PAGE,
    COMMUNITY_LISTING;

    /** The stored and wire form, e.g. {@code service_page}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this wire value, or empty. */
    public static Optional<ContentType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wireValue().equals(value)).findFirst();
    }

    /** Every wire value, for messages. */
    public static String allWireValues() {
        return String.join(", ", Arrays.stream(values()).map(ContentType::wireValue).toList());
    }
}
