package uk.gov.hertfordshire.cases.catalogue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import uk.gov.hertfordshire.platform.events.EventFields;

/**
 * The catalogue's rules for a service definition, checked all at once so that ADMIN hears of every
 * problem in one answer, each naming its field. Limits keep every value fit for the Open311 XML,
 * the citizen's screen and the {@code ServiceDefinitionChanged} event.
 */
final class ServiceDefinitionRules {

    static final Pattern SERVICE_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
    static final Pattern ATTRIBUTE_CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final Pattern VALUE_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    /** One line, no white space at either end: what the event contracts accept as a label. */
    static final Pattern ONE_LINE = Pattern.compile("\\S(.*\\S)?", Pattern.UNICODE_CHARACTER_CLASS);

    static final List<String> RESPONSE_UNITS = List.of("working_hours", "working_days");
    static final int MAX_NAME = 100;
    static final int MAX_GROUP = 60;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_KEYWORDS = 250;
    static final int MAX_RESPONSE_TARGET = 365;
    static final int MAX_FEE_PENCE = 1_000_000;
    static final int MAX_ATTRIBUTES = 30;
    static final int MAX_QUESTION = 300;
    static final int MAX_VALUES = 50;
    static final int MAX_VALUE_NAME = 100;

    private ServiceDefinitionRules() {}

    /**
     * The definition a request describes.
     *
     * @param pathCode the code in the URL of a {@code PUT}, or null for a {@code POST}, whose code
     *     is in the body
     * @throws InvalidServiceDefinition naming every field that breaks a rule
     */
    static ServiceDefinition check(ServiceRequest request, String pathCode) {
        List<FieldProblem> problems = new ArrayList<>();
        String code = pathCode == null ? request.code() : pathCode;
        if (pathCode != null && request.code() != null && !request.code().equals(pathCode)) {
            problems.add(
                    new FieldProblem(
                            "code",
                            "cannot be changed: withdraw this service and create one with the new"
                                    + " code"));
        } else if (code == null) {
            problems.add(new FieldProblem("code", "is required"));
        } else if (!SERVICE_CODE.matcher(code).matches()) {
            problems.add(
                    new FieldProblem(
                            "code",
                            "must be 2 to 64 lower-case letters, digits and hyphens, starting with"
                                    + " a letter or digit"));
        }
        line(problems, "name", request.name(), MAX_NAME, true);
        line(problems, "group", request.group(), MAX_GROUP, true);
        text(problems, "description", request.description(), MAX_DESCRIPTION);
        line(problems, "keywords", request.keywords(), MAX_KEYWORDS, false);
        if (request.responseTarget() == null) {
            problems.add(new FieldProblem("responseTarget", "is required"));
        } else if (request.responseTarget() <= 0
                || request.responseTarget() > MAX_RESPONSE_TARGET) {
            problems.add(
                    new FieldProblem(
                            "responseTarget",
                            "must be more than 0 and at most " + MAX_RESPONSE_TARGET));
        }
        if (request.responseUnit() == null) {
            problems.add(new FieldProblem("responseUnit", "is required"));
        } else if (!RESPONSE_UNITS.contains(request.responseUnit())) {
            problems.add(
                    new FieldProblem(
                            "responseUnit", "must be one of " + String.join(", ", RESPONSE_UNITS)));
        }
        if (request.teamCode() == null) {
            problems.add(new FieldProblem("teamCode", "is required"));
        } else if (!EventFields.CODE.matcher(request.teamCode()).matches()) {
            problems.add(
                    new FieldProblem(
                            "teamCode",
                            "must be a team code: up to 64 letters, digits, '_', '.' and '-'"));
        }
        if (request.feePence() != null
                && (request.feePence() < 0 || request.feePence() > MAX_FEE_PENCE)) {
            problems.add(
                    new FieldProblem(
                            "feePence",
                            "must be 0 or more and at most "
                                    + MAX_FEE_PENCE
                                    + " (leave it out for a free service)"));
        }
        required(problems, "availableOnline", request.availableOnline());
        required(problems, "availableOpen311", request.availableOpen311());
        required(problems, "publicRealm", request.publicRealm());
        if (Boolean.TRUE.equals(request.availableOpen311())
                && Boolean.FALSE.equals(request.publicRealm())) {
            problems.add(
                    new FieldProblem(
                            "availableOpen311",
                            "cannot be true for a personal service (publicRealm false): Open311"
                                    + " lists its services publicly"));
        }
        List<ServiceAttribute> attributes = attributes(problems, request.attributes());
        if (!problems.isEmpty()) {
            throw new InvalidServiceDefinition(problems);
        }
        return new ServiceDefinition(
                code,
                request.name(),
                request.group(),
                request.description(),
                request.keywords() == null ? "" : request.keywords(),
                request.responseTarget(),
                request.responseUnit(),
                request.teamCode(),
                request.feePence(),
                request.availableOnline(),
                request.availableOpen311(),
                request.publicRealm(),
                attributes);
    }

    private static List<ServiceAttribute> attributes(
            List<FieldProblem> problems, List<ServiceRequest.AttributeRequest> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > MAX_ATTRIBUTES) {
            problems.add(new FieldProblem("attributes", "must be at most " + MAX_ATTRIBUTES));
            return List.of();
        }
        List<ServiceAttribute> attributes = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String path = "attributes[" + i + "]";
            ServiceRequest.AttributeRequest attribute = requested.get(i);
            if (attribute == null) {
                problems.add(new FieldProblem(path, "is required"));
                continue;
            }
            int before = problems.size();
            if (attribute.code() == null) {
                problems.add(new FieldProblem(path + ".code", "is required"));
            } else if (!ATTRIBUTE_CODE.matcher(attribute.code()).matches()) {
                problems.add(
                        new FieldProblem(
                                path + ".code",
                                "must be 1 to 40 lower-case letters, digits and underscores,"
                                        + " starting with a letter"));
            } else if (!codes.add(attribute.code())) {
                problems.add(
                        new FieldProblem(
                                path + ".code",
                                "'" + attribute.code() + "' is already used by another attribute"));
            }
            Optional<AttributeDatatype> datatype = Optional.empty();
            if (attribute.datatype() == null) {
                problems.add(new FieldProblem(path + ".datatype", "is required"));
            } else {
                datatype = AttributeDatatype.fromWire(attribute.datatype());
                if (datatype.isEmpty()) {
                    problems.add(
                            new FieldProblem(
                                    path + ".datatype",
                                    "must be one of "
                                            + String.join(", ", AttributeDatatype.wireValues())));
                }
            }
            required(problems, path + ".required", attribute.required());
            line(problems, path + ".description", attribute.description(), MAX_QUESTION, true);
            List<AllowedValue> values =
                    values(problems, path + ".values", datatype, attribute.values());
            if (problems.size() == before) {
                attributes.add(
                        new ServiceAttribute(
                                attribute.code(),
                                datatype.orElseThrow(),
                                attribute.required(),
                                attribute.description(),
                                i + 1,
                                values));
            }
        }
        return attributes;
    }

    private static List<AllowedValue> values(
            List<FieldProblem> problems,
            String path,
            Optional<AttributeDatatype> datatype,
            List<ServiceRequest.ValueRequest> requested) {
        if (datatype.isEmpty()) {
            return List.of();
        }
        boolean none = requested == null || requested.isEmpty();
        if (!datatype.get().isList()) {
            if (!none) {
                problems.add(
                        new FieldProblem(
                                path,
                                "are only for singlevaluelist and multivaluelist attributes, not "
                                        + datatype.get().wireValue()));
            }
            return List.of();
        }
        if (none) {
            problems.add(
                    new FieldProblem(
                            path,
                            "are required for a "
                                    + datatype.get().wireValue()
                                    + ": list the answers it allows"));
            return List.of();
        }
        if (requested.size() > MAX_VALUES) {
            problems.add(new FieldProblem(path, "must be at most " + MAX_VALUES));
            return List.of();
        }
        List<AllowedValue> values = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String valuePath = path + "[" + i + "]";
            ServiceRequest.ValueRequest value = requested.get(i);
            if (value == null) {
                problems.add(new FieldProblem(valuePath, "is required"));
                continue;
            }
            if (value.key() == null) {
                problems.add(new FieldProblem(valuePath + ".key", "is required"));
            } else if (!VALUE_KEY.matcher(value.key()).matches()) {
                problems.add(
                        new FieldProblem(
                                valuePath + ".key",
                                "must be 1 to 40 lower-case letters, digits, '_' and '-',"
                                        + " starting with a letter or digit"));
            } else if (!keys.add(value.key())) {
                problems.add(
                        new FieldProblem(
                                valuePath + ".key",
                                "'" + value.key() + "' is already used by another value"));
            }
            line(problems, valuePath + ".name", value.name(), MAX_VALUE_NAME, true);
            values.add(new AllowedValue(value.key(), value.name()));
        }
        return values;
    }

    private static void required(List<FieldProblem> problems, String field, Object value) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required"));
        }
    }

    /**
     * One line of text: no line breaks or other control characters (they break Open311's XML), and
     * no white space at either end (the event contracts refuse it in a name or group).
     */
    private static void line(
            List<FieldProblem> problems, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return;
        }
        if (value.length() > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        } else if (!ONE_LINE.matcher(value).matches()
                || value.chars().anyMatch(Character::isISOControl)) {
            problems.add(
                    new FieldProblem(
                            field,
                            "must be one line without control characters or white space at"
                                    + " either end"));
        }
    }

    /** Text that may run over several lines, but holds no other control characters. */
    private static void text(List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required"));
            return;
        }
        if (value.length() > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        } else if (value.chars()
                .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            problems.add(
                    new FieldProblem(
                            field, "must not hold control characters other than line breaks"));
        }
    }
}
