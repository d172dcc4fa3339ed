package uk.gov.hertfordshire.sapsimulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of OData v2's {@code $filter} that SAP's clients send to these entity sets: comparisons
 * of a property with a literal ({@code 'text'}, {@code datetime'…'}, {@code datetimeoffset'…'}, a
 * number), and SuccessFactors' {@code property in 'a','b'}, joined by {@code and}.
 */
final class ODataFilter {

    /** A filter the simulator cannot read: SAP answers 400 with its own message. */
    static final class InvalidFilterException extends RuntimeException {
        InvalidFilterException(String message) {
            super(message);
        }
    }

    private record Condition(String property, String operator, Object literal) {}

    private static final Pattern CLAUSE =
            Pattern.compile("\\s*(\\w+)\\s+(eq|ne|gt|ge|lt|le)\\s+(.+?)\\s*");
    private static final Pattern IN =
            Pattern.compile(
                    "(?i)\\s*(\\w+)\\s+in\\s+('(?:[^']|'')*'(?:\\s*,\\s*'(?:[^']|'')*')*)\\s*");
    private static final Pattern STRING = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern DATETIME = Pattern.compile("datetime'([^']+)'");
    private static final Pattern DATETIMEOFFSET = Pattern.compile("datetimeoffset'([^']+)'");

    private final List<Condition> conditions;

    private ODataFilter(List<Condition> conditions) {
        this.conditions = conditions;
    }

    static ODataFilter parse(String filter) {
        List<Condition> conditions = new ArrayList<>();
        if (filter == null || filter.isBlank()) {
            return new ODataFilter(conditions);
        }
        for (String clause : splitOnAnd(filter)) {
            Matcher in = IN.matcher(clause);
            if (in.matches()) {
                List<String> values = new ArrayList<>();
                Matcher value = STRING.matcher(in.group(2));
                while (value.find()) {
                    values.add(value.group(1).replace("''", "'"));
                }
                conditions.add(new Condition(in.group(1), "in", List.copyOf(values)));
                continue;
            }
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                throw new InvalidFilterException("Invalid filter expression: '" + clause + "'");
            }
            conditions.add(new Condition(m.group(1), m.group(2), literal(m.group(3))));
        }
        return new ODataFilter(conditions);
    }

    /** Whether an entity, given as its property values, passes every condition. */
    boolean test(Map<String, Object> entity) {
        for (Condition condition : conditions) {
            if (!entity.containsKey(condition.property())) {
                throw new InvalidFilterException(
                        "Property " + condition.property() + " not found in type");
            }
            Object value = entity.get(condition.property());
            if (condition.operator().equals("in")) {
                if (!((List<?>) condition.literal()).contains(value)) {
                    return false;
                }
                continue;
            }
            int order = compare(value, condition.literal(), condition.property());
            boolean pass =
                    switch (condition.operator()) {
                        case "eq" -> order == 0;
                        case "ne" -> order != 0;
                        case "gt" -> order > 0;
                        case "ge" -> order >= 0;
                        case "lt" -> order < 0;
                        default -> order <= 0;
                    };
            if (!pass) {
                return false;
            }
        }
        return true;
    }

    /** Whether a condition names the property. */
    boolean mentions(String property) {
        return conditions.stream().anyMatch(c -> c.property().equals(property));
    }

    private static int compare(Object value, Object literal, String property) {
        if (value == null) {
            return literal == null ? 0 : -1;
        }
        if (value instanceof LocalDate date && literal instanceof LocalDateTime dateTime) {
            return date.atStartOfDay().compareTo(dateTime);
        }
        if (value instanceof Instant instant && literal instanceof Instant other) {
            return instant.compareTo(other);
        }
        if (value instanceof BigDecimal number && literal instanceof BigDecimal other) {
            return number.compareTo(other);
        }
        if (value instanceof String text && literal instanceof String other) {
            return text.compareTo(other);
        }
        throw new InvalidFilterException("Incompatible literal for property " + property);
    }

    private static Object literal(String text) {
        Matcher m;
        if ((m = STRING.matcher(text)).matches()) {
            return m.group(1).replace("''", "'");
        }
        try {
            if ((m = DATETIME.matcher(text)).matches()) {
                return LocalDateTime.parse(m.group(1));
            }
            if ((m = DATETIMEOFFSET.matcher(text)).matches()) {
                return OffsetDateTime.parse(m.group(1)).toInstant();
            }
            return new BigDecimal(text);
        } catch (RuntimeException malformed) {
            throw new InvalidFilterException("Invalid literal " + text);
        }
    }

    private static List<String> splitOnAnd(String filter) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && filter.startsWith(" and ", i)) {
                parts.add(filter.substring(start, i));
                start = i + 5;
                i += 4;
            }
        }
        parts.add(filter.substring(start));
        return parts;
    }
}
