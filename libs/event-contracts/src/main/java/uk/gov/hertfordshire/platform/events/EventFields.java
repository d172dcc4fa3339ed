package uk.gov.hertfordshire.platform.events;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks shared by the event records, so an event that would break its own JSON Schema cannot be
 * built. Each method returns its argument or throws {@link IllegalArgumentException} (or {@link
 * NullPointerException} for a missing value) naming the field.
 */
public final class EventFields {

    /** A code such as a service code, team code, role code or agency id. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** A lower-case snake_case status such as {@code in_progress}. */
    public static final Pattern STATUS = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    /** An SAP personnel number: eight digits, zero-padded. */
    public static final Pattern SAP_PERSONNEL_NUMBER = Pattern.compile("[0-9]{8}");

    // One line, no leading or trailing white space ('.' matches no line terminator).
    private static final Pattern ONE_LINE =
            Pattern.compile("\\S(.*\\S)?", Pattern.UNICODE_CHARACTER_CLASS);

    private EventFields() {}

    /** A required value. */
    public static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " is required");
    }

    /** A UUID in its canonical lower-case text form, as {@link UUID#toString()} writes it. */
    public static String uuid(String value, String field) {
        required(value, field);
        try {
            if (UUID.fromString(value).toString().equals(value)) {
                return value;
            }
        } catch (IllegalArgumentException malformed) {
            // reported below with the field name
        }
        throw new IllegalArgumentException(
                field + " must be a lower-case UUID but was '" + value + "'");
    }

    /** A required value matching a pattern. */
    public static String matching(String value, Pattern pattern, String field) {
        required(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + " '" + value + "' does not match " + pattern.pattern());
        }
        return value;
    }

    /** A required value from a fixed set. */
    public static String oneOf(String value, Collection<String> allowed, String field) {
        required(value, field);
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(
                    field + " '" + value + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    /**
     * A required short label kept by the council, such as a service's name: one line, not blank, no
     * white space at either end, at most {@code maxLength} characters (code points, as JSON Schema
     * counts them). Never a citizen's free text.
     */
    public static String label(String value, int maxLength, String field) {
        required(value, field);
        if (!ONE_LINE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + " must be one line of text without white space at either end");
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw new IllegalArgumentException(
                    field + " is " + length + " characters, more than " + maxLength);
        }
        return value;
    }

    /**
     * A required instant that is not before another required one, e.g. a resolution not before the
     * submission it resolves.
     */
    public static Instant notBefore(
            Instant later, String laterField, Instant earlier, String earlierField) {
        required(later, laterField);
        required(earlier, earlierField);
        if (later.isBefore(earlier)) {
            throw new IllegalArgumentException(
                    laterField
                            + " "
                            + later
                            + " must not be before "
                            + earlierField
                            + " "
                            + earlier);
        }
        return later;
    }

    /** An unmodifiable copy of a list with no null and no repeated element. */
    public static <T> List<T> distinct(List<T> values, String field) {
        List<T> copy = List.copyOf(required(values, field));
        if (copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException(field + " must not repeat a value: " + copy);
        }
        return copy;
    }
}
