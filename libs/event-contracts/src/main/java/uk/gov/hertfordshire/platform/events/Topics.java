package uk.gov.hertfordshire.platform.events;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The Kafka topics that carry domain events, and the naming rule for their dead-letter topics. */
public final class Topics {

    /** Case lifecycle events published by case-service. */
    public static final String CASES = "cases.events";

    /** Content publication events published by content-service. */
    public static final String CONTENT = "content.events";

    /** Care referral events published by care-service (no special-category data). */
    public static final String CARE = "care.events";

    /** Finance postings recorded in SAP, published by sap-adapter. */
    public static final String SAP_FINANCE = "sap.finance.events";

    /** Staff, team and role changes from SAP HR, published by sap-adapter. */
    public static final String SAP_HR = "sap.hr.events";

    /** Every domain event topic, in a stable order. */
    public static final List<String> ALL = List.of(CASES, CONTENT, CARE, SAP_FINANCE, SAP_HR);

    /** Suffix of every dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    // Kafka's legal topic characters, in dot-separated segments: no empty, leading or trailing
    // segment, so "." and ".." and "a..b" are refused.
    private static final Pattern SEGMENTED_NAME =
            Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private static final int MAX_TOPIC_LENGTH = 249;

    private Topics() {}

    /**
     * The dead-letter topic for one consumer group of one topic, {@code
     * <topic>.<consumer-group>.DLT}, so a replay re-drives only the consumer that failed.
     *
     * @throws IllegalArgumentException if either part is blank, is not a legal Kafka name, the
     *     topic is itself a dead-letter topic, or the result is longer than Kafka allows
     */
    public static String deadLetter(String topic, String consumerGroup) {
        requireSegmentedName(topic, "topic");
        requireSegmentedName(consumerGroup, "consumer group");
        if (topic.endsWith(DEAD_LETTER_SUFFIX)) {
            throw new IllegalArgumentException(
                    "topic '" + topic + "' is already a dead-letter topic");
        }
        String deadLetter = topic + "." + consumerGroup + DEAD_LETTER_SUFFIX;
        if (deadLetter.length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException(
                    "dead-letter topic '"
                            + deadLetter
                            + "' is longer than Kafka's "
                            + MAX_TOPIC_LENGTH
                            + " characters");
        }
        return deadLetter;
    }

    private static void requireSegmentedName(String value, String what) {
        Objects.requireNonNull(value, what + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (!SEGMENTED_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what
                            + " '"
                            + value
                            + "' must be letters, digits, '_' or '-' in dot-separated parts");
        }
    }
}
