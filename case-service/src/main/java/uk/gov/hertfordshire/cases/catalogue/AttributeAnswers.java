package uk.gov.hertfordshire.cases.catalogue;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The answers to a service's questions, checked against its attributes: every required question
 * answered, only the service's own questions, one answer to each question but a multivaluelist,
 * list answers among the allowed keys (each at most once), numbers that are numbers and datetimes
 * that are ISO 8601 with an offset (Open311's format, e.g. {@code 2026-09-01T08:30:00+01:00}). An
 * empty or blank answer counts as no answer.
 */
final class AttributeAnswers {

    static final int MAX_STRING = 250;
    static final int MAX_TEXT = 2000;

    /** A decimal number as people write it: no exponent, no thousands separator. */
    static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,6})?");

    private AttributeAnswers() {}

    /**
     * What is wrong with the answers, each naming the attribute code; empty when they are fine.
     *
     * @param attributes the service's questions
     * @param answers the answers by attribute code; a single-valued question's answer is a list of
     *     one (as Open311's {@code attribute[code]} form fields arrive); null means none
     */
    static List<FieldProblem> check(
            List<ServiceAttribute> attributes, Map<String, List<String>> answers) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        if (answers != null) {
            answers.forEach(
                    (code, values) -> {
                        List<String> present = new ArrayList<>();
                        if (values != null) {
                            values.stream()
                                    .filter(v -> v != null && !v.isBlank())
                                    .forEach(present::add);
                        }
                        given.put(code, present);
                    });
        }
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (ServiceAttribute attribute : attributes) {
            known.add(attribute.code());
            List<String> values = given.getOrDefault(attribute.code(), List.of());
            if (values.isEmpty()) {
                if (attribute.required()) {
                    problems.add(
                            new FieldProblem(
                                    attribute.code(), "is required: " + attribute.description()));
                }
                continue;
            }
            String problem = problem(attribute, values);
            if (problem != null) {
                problems.add(new FieldProblem(attribute.code(), problem));
            }
        }
        given.keySet().stream()
                .filter(code -> !known.contains(code))
                .forEach(
                        code ->
                                problems.add(
                                        new FieldProblem(
                                                code, "is not a question of this service")));
        return problems;
    }

    private static String problem(ServiceAttribute attribute, List<String> values) {
        if (attribute.datatype() != AttributeDatatype.MULTIVALUELIST && values.size() > 1) {
            return "takes one answer, not " + values.size();
        }
        String value = values.get(0);
        switch (attribute.datatype()) {
            case STRING:
                return lengthProblem(value, MAX_STRING, false);
            case TEXT:
                return lengthProblem(value, MAX_TEXT, true);
            case NUMBER:
                return NUMBER.matcher(value.strip()).matches()
                        ? null
                        : "must be a number, such as 12 or 0.5";
            case DATETIME:
                return isDateTime(value.strip())
                        ? null
                        : "must be a date and time with its offset, such as"
                                + " 2026-09-01T08:30:00+01:00";
            case SINGLEVALUELIST:
                return allowed(attribute, value) ? null : notAllowed(attribute, value);
            case MULTIVALUELIST:
                Set<String> seen = new HashSet<>();
                for (String each : values) {
                    if (!allowed(attribute, each)) {
                        return notAllowed(attribute, each);
                    }
                    if (!seen.add(each)) {
                        return "'" + each + "' is given more than once";
                    }
                }
                return null;
            default:
                throw new IllegalStateException("no rule for " + attribute.datatype());
        }
    }

    private static String lengthProblem(String value, int max, boolean lineBreaks) {
        if (value.length() > max) {
            return "must be at most " + max + " characters";
        }
        boolean control =
                value.chars()
                        .anyMatch(
                                c ->
                                        Character.isISOControl(c)
                                                && !(lineBreaks
                                                        && (c == '\n' || c == '\r' || c == '\t')));
        return control ? "must not hold control characters" : null;
    }

    private static boolean isDateTime(String value) {
        try {
            OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean allowed(ServiceAttribute attribute, String value) {
        return attribute.values().stream().anyMatch(v -> v.key().equals(value));
    }

    private static String notAllowed(ServiceAttribute attribute, String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'"
                + shown
                + "' is not one of "
                + String.join(", ", attribute.values().stream().map(AllowedValue::key).toList());
    }
}
