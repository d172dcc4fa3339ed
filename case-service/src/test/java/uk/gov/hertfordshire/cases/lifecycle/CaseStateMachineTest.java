package uk.gov.hertfordshire.cases.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;

/**
 * Every action against every status, checked against the lifecycle as the service desk wrote it
 * down: this table, not the code's own sets. Y = allowed, . = refused (409).
 */
class CaseStateMachineTest {

    private static final String TABLE =
            """
                           submitted triaged assigned in_progress resolved closed reopened rejected duplicate
            triage             Y        .       .         .          .       .       .        .        .
            assign             .        Y       Y         Y          .       .       Y        .        .
            start              .        .       Y         .          .       .       .        .        .
            resolve            .        Y       Y         Y          .       .       Y        .        .
            close              .        .       .         .          Y       .       .        .        .
            reopen             .        .       .         .          Y       Y       .        .        .
            reject             Y        Y       .         .          .       .       .        .        .
            mark-duplicate     Y        Y       Y         Y          .       .       Y        .        .
            """;

    private static final List<String> EXPECTED_TARGETS =
            List.of(
                    "triage=triaged",
                    "assign=assigned",
                    "start=in_progress",
                    "resolve=resolved",
                    "close=closed",
                    "reopen=reopened",
                    "reject=rejected",
                    "mark-duplicate=duplicate");

    static Stream<Arguments> everyActionAgainstEveryStatus() {
        List<String> lines = TABLE.lines().filter(line -> !line.isBlank()).toList();
        List<String> statuses = Arrays.asList(lines.get(0).trim().split("\\s+"));
        List<Arguments> cases = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            for (int column = 0; column < statuses.size(); column++) {
                cases.add(
                        Arguments.of(
                                cells[0], statuses.get(column), cells[column + 1].equals("Y")));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} from {1}: allowed={2}")
    @MethodSource("everyActionAgainstEveryStatus")
    void theStateMachineAllowsExactlyTheTransitionsInTheTable(
            String action, String status, boolean allowed) {
        CaseAction caseAction = actionNamed(action);

        assertThat(caseAction.isAllowedFrom(CaseStatus.fromWire(status))).isEqualTo(allowed);
    }

    @Test
    void theTableCoversEveryActionAndEveryStatus() {
        assertThat(everyActionAgainstEveryStatus().count())
                .isEqualTo((long) CaseAction.values().length * CaseStatus.values().length);
    }

    @Test
    void eachActionLeadsToItsStatus() {
        List<String> actual =
                Arrays.stream(CaseAction.values())
                        .map(action -> action.wireValue() + "=" + action.to().wireValue())
                        .toList();

        assertThat(actual).containsExactlyElementsOf(EXPECTED_TARGETS);
    }

    @Test
    void theBacklogIsTheStatusesStillBeingWorked() {
        assertThat(CaseStatus.openWireValues())
                .containsExactlyInAnyOrder(
                        "submitted", "triaged", "assigned", "in_progress", "reopened");
    }

    @Test
    void aRefusedTransitionSaysWhatIsAllowed() {
        InvalidTransitionException refused =
                new InvalidTransitionException(CaseAction.CLOSE, CaseStatus.SUBMITTED);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().getDetail())
                .isEqualTo(
                        "Cannot close a case that is submitted; close is allowed only from"
                                + " resolved.");
    }

    private static CaseAction actionNamed(String wire) {
        return Arrays.stream(CaseAction.values())
                .filter(action -> action.wireValue().equals(wire))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no action " + wire));
    }
}
