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
 * number), and SuccessFactors' {@code property in 'a','b'}, joined by {@code and} and {@code or}
 * ({@code and} binding tighter) and grouped with parentheses.
 */
final class ODataFilter {

    /** A filter the simulator cannot read: SAP answers 400 with its own message. */
    static final class InvalidFilterException extends RuntimeException {
        InvalidFilterException(String message) {
            super(message);
        }
    }

    /** A boolean expression of the filter: a condition, or conditions joined by and or or. */
    private sealed interface Node permits Condition, And, Or {
        boolean test(Map<String, Object> entity);

        boolean mentions(String property);
    }

    private record Condition(String property, String operator, Object literal) implements Node {

        @Override
        public boolean test(Map<String, Object> entity) {
            if (!entity.containsKey(property)) {
                throw new InvalidFilterException("Property " + property + " not found in type");
            }
            Object value = entity.get(property);
            if (operator.equals("in")) {
                return ((List<?>) literal).contains(value);
            }
            int order = compare(value, literal, property);
            return switch (operator) {
                case "eq" -> order == 0;
                case "ne" -> order != 0;
                case "gt" -> order > 0;
                case "ge" -> order >= 0;
                case "lt" -> order < 0;
                default -> order <= 0;
            };
        }

        @Override
        public boolean mentions(String name) {
            return property.equals(name);
        }
    }

    private record And(List<Node> operands) implements Node {

        @Override
        public boolean test(Map<String, Object> entity) {
            for (Node operand : operands) {
                if (!operand.test(entity)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean mentions(String property) {
            return operands.stream().anyMatch(o -> o.mentions(property));
        }
    }

    private record Or(List<Node> operands) implements Node {

        @Override
        public boolean test(Map<String, Object> entity) {
            for (Node operand : operands) {
                if (operand.test(entity)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean mentions(String property) {
            return operands.stream().anyMatch(o -> o.mentions(property));
        }
    }

    private static final Pattern CLAUSE =
            Pattern.compile("\\s*(\\w+)\\s+(eq|ne|gt|ge|lt|le)\\s+(.+?)\\s*");
    private static final Pattern IN =
            Pattern.compile(
                    "(?i)\\s*(\\w+)\\s+in\\s+('(?:[^']|'')*'(?:\\s*,\\s*'(?:[^']|'')*')*)\\s*");
    private static final Pattern STRING = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern DATETIME = Pattern.compile("datetime'([^']+)'");
    private static final Pattern DATETIMEOFFSET = Pattern.compile("datetimeoffset'([^']+)'");

    private final Node root;

    private ODataFilter(Node root) {
        this.root = root;
    }

    static ODataFilter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return new ODataFilter(new And(List.of()));
        }
        return new ODataFilter(expression(filter));
    }

    /** {@code or} of {@code and}s of conditions or parenthesised expressions. */
    private static Node expression(String text) {
        List<String> alternatives = split(text, " or ");
        if (alternatives.size() > 1) {
            return new Or(alternatives.stream().map(ODataFilter::expression).toList());
        }
        List<String> terms = split(text, " and ");
        if (terms.size() > 1) {
            return new And(terms.stream().map(ODataFilter::expression).toList());
        }
        String term = text.strip();
        if (term.startsWith("(") && term.endsWith(")") && closing(term, 0) == term.length() - 1) {
            return expression(term.substring(1, term.length() - 1));
        }
        return condition(term);
    }

    private static Condition condition(String clause) {
        Matcher in = IN.matcher(clause);
        if (in.matches()) {
            List<String> values = new ArrayList<>();
            Matcher value = STRING.matcher(in.group(2));
            while (value.find()) {
                values.add(value.group(1).replace("''", "'"));
            }
            return new Condition(in.group(1), "in", List.copyOf(values));
        }
        Matcher m = CLAUSE.matcher(clause);
        if (!m.matches()) {
            throw new InvalidFilterException("Invalid filter expression: '" + clause + "'");
        }
        return new Condition(m.group(1), m.group(2), literal(m.group(3)));
    }

    /** Whether an entity, given as its property values, passes the filter. */
    boolean test(Map<String, Object> entity) {
        return root.test(entity);
    }

    /** Whether a condition anywhere in the filter names the property. */
    boolean mentions(String property) {
        return root.mentions(property);
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

    /**
     * Splits on the operator where it stands outside quotes and parentheses.
     *
     * @throws InvalidFilterException for unbalanced parentheses
     */
    private static List<String> split(String filter, String operator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int depth = 0;
        int start = 0;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                if (--depth < 0) {
                    throw new InvalidFilterException("Unbalanced parentheses in filter");
                }
            } else if (!quoted && depth == 0 && filter.startsWith(operator, i)) {
                parts.add(filter.substring(start, i));
                start = i + operator.length();
                i += operator.length() - 1;
            }
        }
        if (depth != 0 || quoted) {
            throw new InvalidFilterException("Unbalanced parentheses or quotes in filter");
        }
        parts.add(filter.substring(start));
        return parts;
    }

    /** The index of the parenthesis closing the one at {@code open}, outside quotes. */
    private static int closing(String text, int open) {
        boolean quoted = false;
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
