package uk.gov.hertfordshire.cases.targets;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import uk.gov.hertfordshire.platform.support.calendar.WorkingCalendar;

/**
 * The working calendar from the bank-holiday list: the one shipped with the service, or the file
 * the council points {@code platform.cases.bank-holidays} at when a new year is announced.
 */
@Configuration(proxyBeanMethods = false)
class TargetsConfiguration {

    @Bean
    WorkingCalendar workingCalendar(
            @Value(
                            "${platform.cases.bank-holidays:"
                                    + "classpath:calendar/bank-holidays-england-and-wales.txt}")
                    Resource bankHolidays)
            throws IOException {
        try (InputStream list = bankHolidays.getInputStream()) {
            return WorkingCalendar.fromBankHolidayList(list);
        }
    }
}
