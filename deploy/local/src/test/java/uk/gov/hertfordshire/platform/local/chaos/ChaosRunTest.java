package uk.gov.hertfordshire.platform.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosRunTest {

    private static final long S = 1_000_000_000L;

    @Test
    void eachScenarioReconcilesOnlyTheCasesSentInItsWindow() {
        List<Answer> answers =
                List.of(
                        acked(1, "a"),
                        acked(2, "b"),
                        new Answer(Answer.Kind.CASE_SUBMISSION, 3 * S, 4 * S, 503, null),
                        acked(11, "c"),
                        acked(12, "d"));
        // b lost in the first scenario, d counted twice in the second.
        Map<String, Integer> counted = Map.of("a", 1, "c", 1, "d", 2);

        ChaosTable.Row first =
                ChaosRun.row(new ChaosRun.Window("first", 0, 10 * S), answers, counted);
        ChaosTable.Row second =
                ChaosRun.row(new ChaosRun.Window("second", 10 * S, 20 * S), answers, counted);

        assertThat(first.cases().sent()).isEqualTo(3);
        assertThat(first.cases().serverErrors()).isEqualTo(1);
        assertThat(first.reconciliation().acknowledged()).isEqualTo(2);
        assertThat(first.reconciliation().lost()).containsExactly("b");
        assertThat(first.reconciliation().duplicated()).isEmpty();
        assertThat(second.cases().sent()).isEqualTo(2);
        assertThat(second.reconciliation().lost()).isEmpty();
        assertThat(second.reconciliation().duplicated()).containsExactly("d");
    }

    private static Answer acked(long sentS, String id) {
        return new Answer(Answer.Kind.CASE_SUBMISSION, sentS * S, sentS * S + S / 10, 201, id);
    }
}
