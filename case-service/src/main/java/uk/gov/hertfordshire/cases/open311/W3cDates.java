package uk.gov.hertfordshire.cases.open311;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * GeoReport v2 date-times: "a common subset of ISO 8601 as per the w3 note", timezone required
 * ({@code Z} or an {@code HH:MM} offset). Written in the council's own time, Europe/London, to the
 * second ({@code 2026-06-01T14:05:09+01:00}, or {@code ...Z} in winter).
 */
final class W3cDates {

    static final ZoneId COUNCIL_TIME = ZoneId.of("Europe/London");

    private static final DateTimeFormatter WRITTEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private W3cDates() {}

    static String format(Instant instant) {
        return instant == null ? null : WRITTEN.format(instant.atZone(COUNCIL_TIME));
    }

    /**
     * Reads a date-time with its timezone, e.g. {@code 2010-01-01T00:00:00Z}, in the years the W3C
     * note writes (four digits: 0001 to 9999), which the database can also hold.
     *
     * @throws Open311Exception 400 naming the parameter otherwise (a date alone has no timezone)
     */
    static Instant parse(String parameter, String value) {
        try {
            OffsetDateTime parsed =
                    OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (parsed.getYear() >= 1 && parsed.getYear() <= 9999) {
                return parsed.toInstant();
            }
        } catch (DateTimeParseException e) {
            // Refused below.
        }
        throw Open311Exception.badRequest(
                parameter
                        + " must be a W3C date-time with a timezone, in the years 0001 to 9999,"
                        + " such as 2010-01-01T00:00:00Z.");
    }
}
