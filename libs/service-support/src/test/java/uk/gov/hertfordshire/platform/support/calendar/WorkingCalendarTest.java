package uk.gov.hertfordshire.platform.support.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Due times worked out by hand on a calendar (comments show the working), never by the code under
 * test. Working time is 09:00–17:00 Monday to Friday, Europe/London, without bank holidays.
 */
class WorkingCalendarTest {

    static WorkingCalendar calendar;

    @BeforeAll
    static void loadTheCouncilsBankHolidayFile() throws Exception {
        try (InputStream list =
                WorkingCalendar.class.getResourceAsStream(
                        "/calendar/bank-holidays-england-and-wales.txt")) {
            calendar = WorkingCalendar.fromBankHolidayList(list);
        }
    }

    @Test
    void workingDaysSkipTheEasterBankHolidayWeekend() {
        // Thu 2 Apr 2026 12:00 BST. Fri 3 Apr Good Friday, Sat, Sun, Mon 6 Apr Easter Monday.
        // Working day 1 = Tue 7 Apr, day 2 = Wed 8 Apr; due 17:00 BST = 16:00 UTC.
        assertThat(
                        calendar.dueAt(
                                Instant.parse("2026-04-02T11:00:00Z"),
                                new ResponseTarget(2, ResponseTarget.Unit.WORKING_DAYS)))
                .isEqualTo(Instant.parse("2026-04-08T16:00:00Z"));
    }

    @Test
    void withoutTheBankHolidaysTheSameTargetFallsDueBeforeEaster() {
        // Control: the same Thursday with no holidays known: Fri 3 Apr is day 1, Mon 6 Apr day 2.
        WorkingCalendar noHolidays = new WorkingCalendar(Set.of());
        assertThat(
                        noHolidays.dueAt(
                                Instant.parse("2026-04-02T11:00:00Z"),
                                new ResponseTarget(2, ResponseTarget.Unit.WORKING_DAYS)))
                .isEqualTo(Instant.parse("2026-04-06T16:00:00Z"));
    }

    @Test
    void workingHoursStopOverTheEasterWeekend() {
        // Thu 2 Apr 2026 15:00 BST, 8 working hours: 2 h to 17:00 Thursday, then nothing until
        // Tue 7 Apr 09:00; 6 h more = 15:00 BST = 14:00 UTC.
        assertThat(
                        calendar.dueAt(
                                Instant.parse("2026-04-02T14:00:00Z"),
                                new ResponseTarget(8, ResponseTarget.Unit.WORKING_HOURS)))
                .isEqualTo(Instant.parse("2026-04-07T14:00:00Z"));
    }

    @Test
    void workingHoursAcrossTheClocksGoingForwardCountLocalHours() {
        // Fri 27 Mar 2026 16:00 GMT (= 16:00 UTC); clocks go forward Sun 29 Mar.
        // 24 h: 1 h Fri, 8 h Mon 30 Mar, 8 h Tue 31 Mar, 7 h Wed 1 Apr -> 16:00 BST = 15:00 UTC.
        assertThat(
                        calendar.dueAt(
                                Instant.parse("2026-03-27T16:00:00Z"),
                                new ResponseTarget(24, ResponseTarget.Unit.WORKING_HOURS)))
                .isEqualTo(Instant.parse("2026-04-01T15:00:00Z"));
    }

    @Test
    void workingDaysAcrossTheClocksGoingBackEndAtLocalCloseOfBusiness() {
        // Fri 23 Oct 2026 10:00 BST; clocks go back Sun 25 Oct. 1 working day = Mon 26 Oct,
        // 17:00 GMT = 17:00 UTC.
        assertThat(
                        calendar.dueAt(
                                Instant.parse("2026-10-23T09:00:00Z"),
                                new ResponseTarget(1, ResponseTarget.Unit.WORKING_DAYS)))
                .isEqualTo(Instant.parse("2026-10-26T17:00:00Z"));
    }

    @Test
    void aReportMadeAtNightStartsCountingAtNineTheNextWorkingMorning() {
        // Tue 10 Nov 2026 22:30 GMT: counting starts Wed 11 Nov 09:00; 3 h -> 12:00 GMT.
        assertThat(
                        calendar.dueAt(
                                Instant.parse("2026-11-10T22:30:00Z"),
                                new ResponseTarget(3, ResponseTarget.Unit.WORKING_HOURS)))
                .isEqualTo(Instant.parse("2026-11-11T12:00:00Z"));
    }

    @Test
    void christmas2026UsesTheSubstituteBoxingDay() {
        // Sat 26 Dec 2026 is Boxing Day; the substitute is Mon 28 Dec. Thu 24 Dec 2026 10:00 GMT,
        // 1 working day: Fri 25 Christmas, weekend, Mon 28 substitute -> Tue 29 Dec 17:00 GMT.
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 28))).isFalse();
        assertThat(
                        calendar.dueAt(
                                Instant.parse("2026-12-24T10:00:00Z"),
                                new ResponseTarget(1, ResponseTarget.Unit.WORKING_DAYS)))
                .isEqualTo(Instant.parse("2026-12-29T17:00:00Z"));
    }

    @Test
    void aTargetMustBePositiveAndKnowItsUnit() {
        assertThatThrownBy(() -> new ResponseTarget(0, ResponseTarget.Unit.WORKING_DAYS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseTarget.Unit.fromCatalogue("fortnights"))
                .hasMessageContaining("fortnights");
        assertThat(ResponseTarget.Unit.fromCatalogue("working_hours"))
                .isEqualTo(ResponseTarget.Unit.WORKING_HOURS);
    }

    @Test
    void saysHowFarTheBankHolidayDataReaches() {
        // The file lists 2025 to 2027 (its last entry is 28 Dec 2027).
        assertThat(calendar.coveredUntil()).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(calendar.covers(LocalDate.of(2027, 12, 31))).isTrue();
        assertThat(calendar.covers(LocalDate.of(2028, 1, 1))).isFalse();
        assertThat(new WorkingCalendar(Set.of()).coveredUntil()).isNull();
    }
}
