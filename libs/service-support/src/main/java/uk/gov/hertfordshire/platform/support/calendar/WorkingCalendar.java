package uk.gov.hertfordshire.platform.support.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

/**
 * The council's working time, in Europe/London: when a response target falls due. Counting is done
 * on local dates and times and only converted to an instant at the end, so a summer-time change
 * inside the window neither adds nor removes a working hour.
 */
public final class WorkingCalendar {

    public static final ZoneId COUNCIL_TIME = ZoneId.of("Europe/London");
    static final LocalTime OPENS = LocalTime.of(9, 0);
    static final LocalTime CLOSES = LocalTime.of(17, 0);

    private final Set<LocalDate> bankHolidays;

    public WorkingCalendar(Set<LocalDate> bankHolidays) {
        this.bankHolidays = Set.copyOf(bankHolidays);
    }

    /**
     * The last day the bank-holiday data speaks for: 31 December of the latest year it lists (the
     * list is published a year or more ahead, a whole year at a time). Past it, a working day is a
     * guess; null when the list is empty.
     */
    public LocalDate coveredUntil() {
        return bankHolidays.stream()
                .max(LocalDate::compareTo)
                .map(latest -> LocalDate.of(latest.getYear(), 12, 31))
                .orElse(null);
    }

    /** Whether the bank-holiday data speaks for this date. */
    public boolean covers(LocalDate date) {
        LocalDate until = coveredUntil();
        return until != null && !date.isAfter(until);
    }

    /** Reads one ISO date a line; blank lines and lines starting with # are ignored. */
    public static WorkingCalendar fromBankHolidayList(InputStream list) throws IOException {
        Set<LocalDate> holidays = new HashSet<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String date = line.strip();
                if (!date.isEmpty() && !date.startsWith("#")) {
                    holidays.add(LocalDate.parse(date));
                }
            }
        }
        return new WorkingCalendar(holidays);
    }

    public boolean isWorkingDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !bankHolidays.contains(date);
    }

    /** When a target started at {@code from} falls due. */
    public Instant dueAt(Instant from, ResponseTarget target) {
        LocalDateTime start = LocalDateTime.ofInstant(from, COUNCIL_TIME);
        LocalDateTime due =
                target.unit() == ResponseTarget.Unit.WORKING_DAYS
                        ? afterWorkingDays(start.toLocalDate(), target.amount())
                        : afterWorkingHours(start, Duration.ofHours(target.amount()));
        return due.atZone(COUNCIL_TIME).toInstant();
    }

    /** Close of business on the n-th working day after the day of submission. */
    private LocalDateTime afterWorkingDays(LocalDate submitted, int days) {
        LocalDate date = submitted;
        int counted = 0;
        while (counted < days) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return date.atTime(CLOSES);
    }

    /** The moment the given amount of working time has passed, starting at the next opening. */
    private LocalDateTime afterWorkingHours(LocalDateTime start, Duration needed) {
        LocalDateTime cursor = nextWorkingMoment(start);
        Duration remaining = needed;
        while (true) {
            LocalDateTime closing = cursor.toLocalDate().atTime(CLOSES);
            Duration available = Duration.between(cursor, closing);
            if (remaining.compareTo(available) <= 0) {
                return cursor.plus(remaining);
            }
            remaining = remaining.minus(available);
            cursor = nextWorkingMoment(closing);
        }
    }

    /** The moment itself if it is within working hours, otherwise the next opening. */
    private LocalDateTime nextWorkingMoment(LocalDateTime moment) {
        LocalDate date = moment.toLocalDate();
        LocalTime time = moment.toLocalTime();
        if (isWorkingDay(date) && !time.isBefore(OPENS) && time.isBefore(CLOSES)) {
            return moment;
        }
        if (isWorkingDay(date) && time.isBefore(OPENS)) {
            return date.atTime(OPENS);
        }
        LocalDate next = date.plusDays(1);
        while (!isWorkingDay(next)) {
            next = next.plusDays(1);
        }
        return next.atTime(OPENS);
    }
}
