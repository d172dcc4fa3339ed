package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;

/**
 * A catalogue change refuses values its schema would reject; each refusal beside a positive control
 * that differs in the one value refused.
 */
class ServiceDefinitionChangedTest {

    @Test
    void isKeyedByItsServiceCode() {
        assertThat(ExampleEvents.blueBadgeService().aggregateId()).isEqualTo("blue-badge");
        assertThat(ExampleEvents.blueBadgeService().occurredAt()).isEqualTo(ExampleEvents.AT);
    }

    @Test
    void nameIsAtMost200Characters() {
        String longest = "N".repeat(200);

        assertThat(withName(longest).name()).isEqualTo(longest);
        assertThatThrownBy(() -> withName(longest + "N"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name")
                .hasMessageContaining("200");
    }

    @Test
    void nameLengthCountsCharactersNotUtf16Units() {
        // 200 code points, 400 UTF-16 units: JSON Schema's maxLength counts the former.
        String astral = "\uD835\uDCD1".repeat(200);

        assertThat(withName(astral).name()).isEqualTo(astral);
        assertThat(
                        EventSchemas.validate(
                                ServiceDefinitionChanged.TYPE,
                                EventSchemas.payloadOf(withName(astral))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " Pothole", "Pothole ", "Pot\nhole", "Pot\rhole"})
    void nameIsOneLineWithoutSurroundingSpace(String name) {
        assertThat(withName("Pot hole").name()).isEqualTo("Pot hole");
        assertThatThrownBy(() -> withName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }

    @Test
    void groupIsAtMost100Characters() {
        String longest = "G".repeat(100);

        assertThat(withGroup(longest).group()).isEqualTo(longest);
        assertThatThrownBy(() -> withGroup(longest + "G"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group");
        assertThatThrownBy(() -> withGroup(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("group");
    }

    @Test
    void feeIsZeroOrMoreOrAbsent() {
        assertThat(withFee(0).feePence()).isZero();
        assertThat(withFee(null).feePence()).isNull();
        assertThatThrownBy(() -> withFee(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feePence");
    }

    @Test
    void responseTargetIsMoreThanZero() {
        assertThat(withTarget(1, "working_days").responseTarget()).isEqualTo(1);
        assertThatThrownBy(() -> withTarget(0, "working_days"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("responseTarget");
    }

    @Test
    void responseUnitIsWorkingHoursOrWorkingDays() {
        assertThat(withTarget(5, "working_hours").responseUnit()).isEqualTo("working_hours");
        assertThat(withTarget(5, "working_days").responseUnit()).isEqualTo("working_days");
        assertThatThrownBy(() -> withTarget(5, "days"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("responseUnit");
    }

    @Test
    void teamIsACode() {
        assertThatThrownBy(() -> withTeam("Highways North"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("teamCode");
        assertThat(withTeam("HWY-NORTH").teamCode()).isEqualTo("HWY-NORTH");
    }

    @Test
    void schemaOffersExactlyTheResponseUnits() {
        JsonNode unit =
                EventSchemas.schemaDocument(ServiceDefinitionChanged.TYPE)
                        .path("properties")
                        .path("responseUnit");

        assertThat(unit.path("enum").valueStream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(List.of("working_hours", "working_days"))
                .containsExactlyElementsOf(ServiceDefinitionChanged.RESPONSE_UNITS);
    }

    private static ServiceDefinitionChanged withName(String name) {
        return service(name, "Roads and pavements", "HWY-NORTH", null, 72, "working_hours");
    }

    private static ServiceDefinitionChanged withGroup(String group) {
        return service("Pothole", group, "HWY-NORTH", null, 72, "working_hours");
    }

    private static ServiceDefinitionChanged withTeam(String teamCode) {
        return service("Pothole", "Roads and pavements", teamCode, null, 72, "working_hours");
    }

    private static ServiceDefinitionChanged withFee(Integer feePence) {
        return service(
                "Pothole", "Roads and pavements", "HWY-NORTH", feePence, 72, "working_hours");
    }

    private static ServiceDefinitionChanged withTarget(int target, String unit) {
        return service("Pothole", "Roads and pavements", "HWY-NORTH", null, target, unit);
    }

    private static ServiceDefinitionChanged service(
            String name, String group, String teamCode, Integer feePence, int target, String unit) {
        return new ServiceDefinitionChanged(
                "pothole",
                name,
                group,
                teamCode,
                true,
                true,
                true,
                feePence,
                target,
                unit,
                false,
                ExampleEvents.AT);
    }
}
