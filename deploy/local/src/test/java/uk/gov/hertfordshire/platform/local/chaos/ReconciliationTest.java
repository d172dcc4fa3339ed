package uk.gov.hertfordshire.platform.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    @Test
    void everyAcknowledgedCaseCountedOnceIsClean() {
        Reconciliation clean =
                Reconciliation.of(List.of("a", "b", "c"), Map.of("a", 1, "b", 1, "c", 1, "x", 1));

        assertThat(clean.acknowledged()).isEqualTo(3);
        assertThat(clean.countedOnce()).isEqualTo(3);
        assertThat(clean.lost()).isEmpty();
        assertThat(clean.duplicated()).isEmpty();
        assertThat(clean.clean()).isTrue();
    }

    @Test
    void aLostAndADuplicatedCaseAreFoundEvenWhenTheTotalsAgree() {
        // Three acknowledged, three counts in all: equal totals, yet one lost and one twice.
        Reconciliation planted = Reconciliation.of(List.of("a", "b", "c"), Map.of("a", 1, "b", 2));

        assertThat(planted.acknowledged()).isEqualTo(3);
        assertThat(planted.countedOnce()).isEqualTo(1);
        assertThat(planted.lost()).containsExactly("c");
        assertThat(planted.duplicated()).containsExactly("b");
        assertThat(planted.clean()).isFalse();
    }

    @Test
    void aCaseCountedThatNobodyWasToldAboutIsNeitherLostNorDuplicated() {
        // A submission whose answer never arrived (a timeout) may still have been created.
        Reconciliation unanswered = Reconciliation.of(List.of("a"), Map.of("a", 1, "late", 1));

        assertThat(unanswered.clean()).isTrue();
    }
}
