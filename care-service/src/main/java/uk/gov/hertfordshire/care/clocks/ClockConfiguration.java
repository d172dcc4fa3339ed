package uk.gov.hertfordshire.care.clocks;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import uk.gov.hertfordshire.platform.support.calendar.WorkingCalendar;

/**
 * The working calendar the clocks count in, and its health: how far the bank-holiday data reaches.
 * Clocks due beyond it would rest on a guess, so the service says so at start-up (a warning within
 * {@code platform.care.bank-holidays-warn-days}, default 90, of the end) and its health turns
 * {@code DOWN} once the data has run out.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClockConfiguration.class);

    @Bean
    WorkingCalendar workingCalendar(
            @Value(
                            "${platform.care.bank-holidays:"
                                    + "classpath:calendar/bank-holidays-england-and-wales.txt}")
                    Resource bankHolidays,
            @Value("${platform.care.bank-holidays-warn-days:90}") int warnDays,
            Clock clock)
            throws IOException {
        WorkingCalendar calendar;
        try (InputStream list = bankHolidays.getInputStream()) {
            calendar = WorkingCalendar.fromBankHolidayList(list);
        }
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.COUNCIL_TIME));
        if (!calendar.covers(today.plusDays(warnDays))) {
            log.warn(
                    "Bank-holiday data runs out on {}: statutory clocks due after it would count"
                            + " unknown holidays as working days. Add the next year's dates to"
                            + " platform.care.bank-holidays.",
                    calendar.coveredUntil());
        }
        return calendar;
    }

    @Bean
    HealthIndicator bankHolidays(WorkingCalendar calendar, Clock clock) {
        return () -> {
            LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.COUNCIL_TIME));
            Health.Builder health = calendar.covers(today) ? Health.up() : Health.down();
            return health.withDetail("coveredUntil", String.valueOf(calendar.coveredUntil()))
                    .build();
        };
    }
}
