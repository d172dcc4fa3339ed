package uk.gov.hertfordshire.cases.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceDefinitionRulesTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("uk.gov.hertfordshire.cases.catalogue.DefinitionRuleCases#all")
    void eachRuleRefusesNamingItsFieldBesideAControlThatDiffersInOneValue(
            DefinitionRuleCases.RuleCase rule) {
        ServiceRequest broken = rule.breaking().apply(ServiceJson.valid("bus-shelter")).request();
        ServiceRequest control = rule.control().apply(ServiceJson.valid("bus-shelter")).request();

        InvalidServiceDefinition refused =
                catchThrowableOfType(
                        InvalidServiceDefinition.class,
                        () -> ServiceDefinitionRules.check(broken, null));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.problems())
                .extracting(FieldProblem::field)
                .containsExactly(rule.field());
        assertThat(ServiceDefinitionRules.check(control, null)).isNotNull();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ServiceRequest request =
                ServiceJson.valid("bus-shelter")
                        .with("responseTarget", 0)
                        .with("feePence", -1)
                        .withAttribute(0, "datatype", "boolean")
                        .request();

        InvalidServiceDefinition refused =
                catchThrowableOfType(
                        InvalidServiceDefinition.class,
                        () -> ServiceDefinitionRules.check(request, null));

        assertThat(refused.problems())
                .extracting(FieldProblem::field)
                .containsExactly("responseTarget", "feePence", "attributes[0].datatype");
    }

    @Test
    void aValidDefinitionKeepsItsQuestionsInTheOrderSentNumberedFromOne() {
        ServiceDefinition definition =
                ServiceDefinitionRules.check(ServiceJson.valid("bus-shelter").request(), null);

        assertThat(definition.attributes())
                .extracting(ServiceAttribute::code, ServiceAttribute::order)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("shelter_number", 1),
                        org.assertj.core.groups.Tuple.tuple("damage", 2));
        assertThat(definition.attributes().get(1).values())
                .extracting(AllowedValue::key)
                .containsExactly("glass", "seat", "roof");
        assertThat(definition.feePence()).isNull();
    }

    @Test
    void aReplacementMayLeaveTheCodeOutOrRepeatItButNotChangeIt() {
        ServiceRequest withoutCode = ServiceJson.valid("x").without("code").request();
        ServiceRequest sameCode = ServiceJson.valid("bus-shelter").request();
        ServiceRequest otherCode = ServiceJson.valid("bus-stop").request();

        assertThat(ServiceDefinitionRules.check(withoutCode, "bus-shelter").code())
                .isEqualTo("bus-shelter");
        assertThat(ServiceDefinitionRules.check(sameCode, "bus-shelter").code())
                .isEqualTo("bus-shelter");
        InvalidServiceDefinition refused =
                catchThrowableOfType(
                        InvalidServiceDefinition.class,
                        () -> ServiceDefinitionRules.check(otherCode, "bus-shelter"));
        assertThat(refused.problems())
                .containsExactly(
                        new FieldProblem(
                                "code",
                                "cannot be changed: withdraw this service and create one with the"
                                        + " new code"));
    }

    @Test
    void aServiceWithoutQuestionsIsValid() {
        assertThat(
                        ServiceDefinitionRules.check(
                                        ServiceJson.valid("bus-shelter")
                                                .with("attributes", List.of())
                                                .request(),
                                        null)
                                .attributes())
                .isEmpty();
        assertThat(
                        ServiceDefinitionRules.check(
                                        ServiceJson.valid("bus-shelter")
                                                .without("attributes")
                                                .request(),
                                        null)
                                .attributes())
                .isEmpty();
    }
}
