package uk.gov.hertfordshire.cases.catalogue;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * One case per rule of a service definition: a change that breaks the rule, the field the refusal
 * must name, and a control that differs from it in that one value and is accepted. Shared by the
 * unit test of the rules and the test through HTTP.
 */
final class DefinitionRuleCases {

    private DefinitionRuleCases() {}

    record RuleCase(
            String rule,
            UnaryOperator<ServiceJson> breaking,
            String field,
            UnaryOperator<ServiceJson> control) {

        @Override
        public String toString() {
            return rule;
        }
    }

    static Stream<Arguments> all() {
        return cases().stream().map(Arguments::of);
    }

    static List<RuleCase> cases() {
        return List.of(
                new RuleCase(
                        "code with capitals and a space",
                        s -> s.with("code", "Bus Shelter"),
                        "code",
                        s -> s.with("code", "bus-shelter-2")),
                new RuleCase(
                        "code of one character",
                        s -> s.with("code", "b"),
                        "code",
                        s -> s.with("code", "b2")),
                new RuleCase(
                        "code missing", s -> s.without("code"), "code", UnaryOperator.identity()),
                new RuleCase(
                        "name of 101 characters",
                        s -> s.with("name", "n".repeat(101)),
                        "name",
                        s -> s.with("name", "n".repeat(100))),
                new RuleCase(
                        "name blank", s -> s.with("name", "   "), "name", s -> s.with("name", "N")),
                new RuleCase(
                        "name over two lines",
                        s -> s.with("name", "Damaged\nbus shelter"),
                        "name",
                        s -> s.with("name", "Damaged bus shelter")),
                new RuleCase(
                        "name with a line separator",
                        s -> s.with("name", "Damaged\u2028bus shelter"),
                        "name",
                        s -> s.with("name", "Damaged\u00a0bus shelter")),
                new RuleCase(
                        "group ending in a space",
                        s -> s.with("group", "Highways "),
                        "group",
                        s -> s.with("group", "Highways")),
                new RuleCase(
                        "group missing",
                        s -> s.without("group"),
                        "group",
                        s -> s.with("group", "Transport")),
                new RuleCase(
                        "description with a NUL character",
                        s -> s.with("description", "Broken\u0000glass"),
                        "description",
                        s -> s.with("description", "Broken\nglass")),
                new RuleCase(
                        "response target of 0",
                        s -> s.with("responseTarget", 0),
                        "responseTarget",
                        s -> s.with("responseTarget", 1)),
                new RuleCase(
                        "negative response target",
                        s -> s.with("responseTarget", -3),
                        "responseTarget",
                        s -> s.with("responseTarget", 3)),
                new RuleCase(
                        "response target missing",
                        s -> s.without("responseTarget"),
                        "responseTarget",
                        UnaryOperator.identity()),
                new RuleCase(
                        "response unit in weeks",
                        s -> s.with("responseUnit", "weeks"),
                        "responseUnit",
                        s -> s.with("responseUnit", "working_hours")),
                new RuleCase(
                        "negative fee",
                        s -> s.with("feePence", -1),
                        "feePence",
                        s -> s.with("feePence", 0)),
                new RuleCase(
                        "team code with a space",
                        s -> s.with("teamCode", "HWY PASSENGER"),
                        "teamCode",
                        s -> s.with("teamCode", "HWY-PASSENGER")),
                new RuleCase(
                        "availableOnline missing",
                        s -> s.without("availableOnline"),
                        "availableOnline",
                        s -> s.with("availableOnline", false)),
                new RuleCase(
                        "a personal service offered through Open311",
                        s -> s.with("publicRealm", false).with("availableOpen311", true),
                        "availableOpen311",
                        s -> s.with("publicRealm", false).with("availableOpen311", false)),
                new RuleCase(
                        "an attribute datatype Open311 does not have",
                        s -> s.withAttribute(0, "datatype", "boolean"),
                        "attributes[0].datatype",
                        s -> s.withAttribute(0, "datatype", "text")),
                new RuleCase(
                        "a singlevaluelist without values",
                        s -> s.withAttribute(1, "values", List.of()),
                        "attributes[1].values",
                        UnaryOperator.identity()),
                new RuleCase(
                        "a multivaluelist without values",
                        s ->
                                s.withAttribute(1, "datatype", "multivaluelist")
                                        .withAttribute(1, "values", null),
                        "attributes[1].values",
                        s -> s.withAttribute(1, "datatype", "multivaluelist")),
                new RuleCase(
                        "values on a string attribute",
                        s -> s.withAttribute(0, "values", List.of(ServiceJson.value("a", "A"))),
                        "attributes[0].values",
                        s ->
                                s.withAttribute(0, "datatype", "singlevaluelist")
                                        .withAttribute(
                                                0, "values", List.of(ServiceJson.value("a", "A")))),
                new RuleCase(
                        "two attributes with one code",
                        s -> s.withAttribute(1, "code", "shelter_number"),
                        "attributes[1].code",
                        s -> s.withAttribute(1, "code", "shelter_damage")),
                new RuleCase(
                        "an attribute code with capitals",
                        s -> s.withAttribute(0, "code", "ShelterNumber"),
                        "attributes[0].code",
                        s -> s.withAttribute(0, "code", "shelter_no")),
                new RuleCase(
                        "an attribute without its question",
                        s -> s.withAttribute(0, "description", null),
                        "attributes[0].description",
                        UnaryOperator.identity()),
                new RuleCase(
                        "an attribute without required",
                        s -> s.withAttribute(0, "required", null),
                        "attributes[0].required",
                        s -> s.withAttribute(0, "required", true)),
                new RuleCase(
                        "two values with one key",
                        s ->
                                s.withAttribute(
                                        1,
                                        "values",
                                        List.of(
                                                ServiceJson.value("glass", "Broken glass"),
                                                ServiceJson.value("glass", "Cracked glass"))),
                        "attributes[1].values[1].key",
                        s ->
                                s.withAttribute(
                                        1,
                                        "values",
                                        List.of(
                                                ServiceJson.value("glass", "Broken glass"),
                                                ServiceJson.value("cracked", "Cracked glass")))),
                new RuleCase(
                        "a value without a name",
                        s -> s.withAttribute(1, "values", List.of(ServiceJson.value("glass", ""))),
                        "attributes[1].values[0].name",
                        s ->
                                s.withAttribute(
                                        1,
                                        "values",
                                        List.of(ServiceJson.value("glass", "Glass")))));
    }
}
