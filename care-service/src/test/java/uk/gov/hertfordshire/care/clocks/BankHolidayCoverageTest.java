package uk.gov.hertfordshire.care.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ByteArrayResource;
import uk.gov.hertfordshire.platform.support.calendar.WorkingCalendar;

/**
 * When the bank-holiday list runs out the service says so instead of guessing: a warning at
 * start-up within 90 days of the end, and health {@code DOWN} with {@code coveredUntil} once past
 * it. The list here covers 2026 only (so until 31 December 2026).
 */
@ExtendWith(OutputCaptureExtension.class)
class BankHolidayCoverageTest {

    static final ByteArrayResource ONLY_2026 =
            new ByteArrayResource(
                    "# test list\n2026-01-01\n2026-12-25\n2026-12-28\n"
                            .getBytes(StandardCharsets.UTF_8));
    static final String WARNING = "Bank-holiday data runs out on 2026-12-31";

    final ClockConfiguration configuration = new ClockConfiguration();

    @Test
    void startingWithin90DaysOfTheEndWarnsWhileStartingEarlierDoesNot(CapturedOutput output)
            throws Exception {
        configuration.workingCalendar(ONLY_2026, 90, at("2026-09-01T12:00:00Z"));
        assertThat(output.getAll()).doesNotContain(WARNING);

        configuration.workingCalendar(ONLY_2026, 90, at("2026-10-15T12:00:00Z"));
        assertThat(output.getAll()).contains(WARNING);
    }

    @Test
    void healthIsUpWhileTheListCoversTodayAndDownOnceItDoesNot() throws Exception {
        WorkingCalendar calendar =
                configuration.workingCalendar(ONLY_2026, 90, at("2026-12-31T12:00:00Z"));

        Health lastCoveredDay =
                configuration.bankHolidays(calendar, at("2026-12-31T23:30:00Z")).health(true);
        // 00:30 GMT on 1 January 2027: already the next day in Europe/London.
        Health firstUncovered =
                configuration.bankHolidays(calendar, at("2027-01-01T00:30:00Z")).health(true);

        assertThat(lastCoveredDay.getStatus()).isEqualTo(Status.UP);
        assertThat(firstUncovered.getStatus()).isEqualTo(Status.DOWN);
        assertThat(firstUncovered.getDetails()).containsEntry("coveredUntil", "2026-12-31");
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }
}
