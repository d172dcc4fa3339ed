package uk.gov.hertfordshire.analytics.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.analytics.CouncilTime;

/** The council's calendar: London days across both clock changes, ISO weeks, default ranges. */
class CalendarRulesTest {

    @Test
    void aLondonDayFollowsTheClocksOnBothChangeDays() {
        // Clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October.
        assertThat(CouncilTime.day(Instant.parse("2026-03-28T23:30:00Z")))
                .isEqualTo(LocalDate.of(2026, 3, 28));
        assertThat(CouncilTime.day(Instant.parse("2026-03-29T23:30:00Z")))
                .isEqualTo(LocalDate.of(2026, 3, 30));
        assertThat(CouncilTime.day(Instant.parse("2026-10-24T23:30:00Z")))
                .isEqualTo(LocalDate.of(2026, 10, 25));
        assertThat(CouncilTime.day(Instant.parse("2026-10-25T23:30:00Z")))
                .isEqualTo(LocalDate.of(2026, 10, 25));
    }

    @Test
    void weeksAreIsoWeeksLabelledByTheirMondayEvenWhenTheRangeCutsThem() {
        ReportRange.Granularity week = ReportRange.Granularity.WEEK;
        assertThat(Measures.label(LocalDate.of(2026, 1, 5), week)).isEqualTo("2026-W02");
        // Friday 1 January 2027 belongs to the week of Monday 28 December 2026: 2026's 53rd.
        assertThat(Measures.label(LocalDate.of(2027, 1, 1), week)).isEqualTo("2026-W53");
        // Monday 29 December 2025 starts week 1 of 2026.
        assertThat(Measures.label(LocalDate.of(2025, 12, 29), week)).isEqualTo("2026-W01");
        assertThat(Measures.label(LocalDate.of(2026, 2, 5), ReportRange.Granularity.MONTH))
                .isEqualTo("2026-02");
    }

    @Test
    void withoutDatesARangeIsTheLast28LondonDays() {
        // 23:30 UTC on 30 June is already 1 July in London.
        Clock clock = Clock.fixed(Instant.parse("2026-06-30T23:30:00Z"), ZoneOffset.UTC);
        ReportRange range = ReportRange.of(null, null, clock);
        assertThat(range.to()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(range.from()).isEqualTo(LocalDate.of(2026, 6, 4));
    }

    @Test
    void aRangeOfMoreThan1099DaysIsRefusedBesideOneOf1099() {
        LocalDate from = LocalDate.of(2023, 1, 1);
        assertThat(ReportRange.of(from, from.plusDays(1098), Clock.systemUTC()).to())
                .isEqualTo(from.plusDays(1098));
        assertThatThrownBy(() -> ReportRange.of(from, from.plusDays(1099), Clock.systemUTC()))
                .hasMessageContaining("at most 1099 days");
    }
}
