package uk.gov.hertfordshire.care.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.events.care.ClockApproaching;
import uk.gov.hertfordshire.platform.support.calendar.WorkingCalendar;

/**
 * Due times worked out by hand on a calendar (working 09:00–17:00 Europe/London), never by the code
 * under test, with the default targets: triage 4/24/72 working hours, a child decision in one
 * working day, an adult safeguarding decision in two.
 */
class StatutoryClockDueTimesTest {

    static StatutoryClocks clocks;

    @BeforeAll
    static void withTheCouncilsCalendar() throws Exception {
        try (InputStream list =
                WorkingCalendar.class.getResourceAsStream(
                        "/calendar/bank-holidays-england-and-wales.txt")) {
            clocks =
                    new StatutoryClocks(
                            null,
                            WorkingCalendar.fromBankHolidayList(list),
                            new ClockProperties(4, 24, 72, 1, 2, 45, Duration.ofHours(2)));
        }
    }

    @Test
    void aChildReferralOnChristmasEveWaitsOutTheBankHolidays() {
        // Thu 24 Dec 2026 16:00 GMT. Fri 25 Christmas, Sat, Sun, Mon 28 (Boxing Day's substitute).
        // Decision: one working day after the day of referral = Tue 29 Dec, 17:00 GMT.
        // Urgent triage, 24 working hours: Thu 1 h; Tue 29 8 h (9); Wed 30 8 h (17); Thu 31 7 h
        // more = 16:00 GMT.
        var due =
                clocks.dueTimes(
                        "child",
                        "child_protection",
                        "urgent",
                        Instant.parse("2026-12-24T16:00:00Z"));

        assertThat(due.get(ClockKind.CHILD_DECISION))
                .isEqualTo(Instant.parse("2026-12-29T17:00:00Z"));
        assertThat(due.get(ClockKind.TRIAGE)).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
        assertThat(due).doesNotContainKey(ClockKind.S42_DECISION);
    }

    @Test
    void aRoutineTriageAcrossTheAutumnClockChangeCountsLocalWorkingHours() {
        // Fri 23 Oct 2026 09:00 BST (08:00 UTC); clocks go back on Sun 25 Oct. 72 working hours =
        // 9 working days: Fri 23, Mon 26 ... Fri 30, Mon 2, Tue 3, Wed 4 Nov: 17:00 GMT (= UTC).
        var due =
                clocks.dueTimes(
                        "adult",
                        "adult_social_care_assessment",
                        "routine",
                        Instant.parse("2026-10-23T08:00:00Z"));

        assertThat(due.get(ClockKind.TRIAGE)).isEqualTo(Instant.parse("2026-11-04T17:00:00Z"));
        assertThat(due).containsOnlyKeys(ClockKind.TRIAGE);
    }

    @Test
    void anAdultSafeguardingReferralGetsTheLocalS42DecisionTargetAndRedTriage() {
        // Wed 25 Mar 2026 16:30 GMT; clocks go forward Sun 29 Mar. s42 decision: two working days
        // after the day = Fri 27 Mar 17:00 GMT. Red (stat) triage, 4 working hours: Wed 0.5 h,
        // Thu 26 Mar 09:00 + 3.5 h = 12:30 GMT.
        var due =
                clocks.dueTimes(
                        "adult",
                        "adult_safeguarding",
                        "stat",
                        Instant.parse("2026-03-25T16:30:00Z"));

        assertThat(due.get(ClockKind.S42_DECISION))
                .isEqualTo(Instant.parse("2026-03-27T17:00:00Z"));
        assertThat(due.get(ClockKind.TRIAGE)).isEqualTo(Instant.parse("2026-03-26T12:30:00Z"));
    }

    @Test
    void everyClockIsOneTheEventContractNames() {
        assertThat(Arrays.stream(ClockKind.values()).map(ClockKind::code))
                .containsExactlyInAnyOrderElementsOf(ClockApproaching.CLOCKS);
    }
}
