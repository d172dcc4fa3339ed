package uk.gov.hertfordshire.analytics.measures;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import uk.gov.hertfordshire.analytics.CouncilTime;

/**
 * The dates a report covers, Europe/London, both inclusive, and how they are grouped.
 *
 * @param from the first day
 * @param to the last day
 */
record ReportRange(LocalDate from, LocalDate to) {

    /** The longest range one request may ask for. */
    static final int MAX_DAYS = 3 * 366 + 1;

    /** The range asked for; the 28 days up to today (London) when neither end is given. */
    static ReportRange of(LocalDate from, LocalDate to, Clock clock) {
        if (from == null && to == null) {
            LocalDate today = LocalDate.now(clock.withZone(CouncilTime.ZONE));
            return new ReportRange(today.minusDays(27), today);
        }
        return optional(from, to, "from", "to");
    }

    /** An optional range: both ends or neither. */
    static ReportRange optional(LocalDate from, LocalDate to, String fromName, String toName) {
        if (from == null && to == null) {
            return null;
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException(
                    "Give both '" + fromName + "' and '" + toName + "', or neither");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException(
                    "'" + toName + "' must not be before '" + fromName + "'");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException(
                    "'"
                            + fromName
                            + "' to '"
                            + toName
                            + "' may cover at most "
                            + MAX_DAYS
                            + " days");
        }
        return new ReportRange(from, to);
    }

    /** How periods are grouped. */
    enum Granularity {
        DAY,
        WEEK,
        MONTH;

        static Granularity parse(String value) {
            if (value == null) {
                return DAY;
            }
            for (Granularity g : values()) {
                if (g.name().equalsIgnoreCase(value)) {
                    return g;
                }
            }
            throw new IllegalArgumentException(
                    "granularity must be day, week or month, not '" + value + "'");
        }

        /** The PostgreSQL {@code date_trunc} unit: weeks start on Monday (ISO). */
        String sqlUnit() {
            return name().toLowerCase(Locale.ROOT);
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
