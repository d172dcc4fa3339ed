package uk.gov.hertfordshire.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The council's calendar: every day, week and "today" in the figures is a Europe/London one. */
public final class CouncilTime {

    /** Europe/London, summer time included. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private CouncilTime() {}

    /** The Europe/London date an instant falls on. */
    public static LocalDate day(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }
}
