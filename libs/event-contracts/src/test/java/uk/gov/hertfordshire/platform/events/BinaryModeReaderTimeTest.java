package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.types.Time;
import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BinaryModeReader#time} reads the platform's UTC form itself and leaves every other form to
 * the CloudEvents SDK; the SDK's parser is the oracle for each: the same instant, or the same
 * refusal.
 */
class BinaryModeReaderTimeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-06-01T09:30:00Z",
                "2024-06-01T09:30:00.1Z",
                "2024-06-01T09:30:00.12Z",
                "2024-06-01T09:30:00.123Z",
                "2024-06-01T09:30:00.1234Z",
                "2024-06-01T09:30:00.000005Z",
                "2024-06-01T09:30:00.123456789Z",
                "2024-02-29T23:59:59Z",
                "2000-02-29T00:00:00Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.5Z",
                "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "2024-12-31T23:59:59Z",
                // forms the SDK reads and the fast path leaves to it
                "2024-06-01t09:30:00z",
                "2024-06-01T09:30:00+00:00",
                "2024-06-01T10:30:00.5+01:00",
                "2024-06-01T09:30Z",
                "2024-06-01T09:30:00.Z"
            })
    void readsWhatTheSdkReads(String time) {
        Instant expected = Time.parseTime(time).toInstant();

        assertThat(BinaryModeReader.time(time)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2023-02-29T09:30:00Z",
                "1900-02-29T09:30:00Z",
                "2024-04-31T09:30:00Z",
                "2024-13-01T09:30:00Z",
                "2024-00-01T09:30:00Z",
                "2024-06-00T09:30:00Z",
                "2024-06-01T24:00:00Z",
                "2024-06-01T09:60:00Z",
                "2024-06-01T09:30:60Z",
                "2024-06-01T09:30:00.1234567890Z",
                "2024-06-01T09:3a:00Z",
                "2024-06-01 09:30:00Z",
                "2024-06-01T09:30:00",
                "2024-6-01T09:30:00Z",
                "+2024-06-01T09:30:00Z",
                "2024-06-01T09:30:00Z "
            })
    void refusesWhatTheSdkRefuses(String time) {
        assertThatThrownBy(() -> Time.parseTime(time)).isInstanceOf(DateTimeException.class);

        assertThatThrownBy(() -> BinaryModeReader.time(time)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void theFastPathsInstantIsTheOneTheSdkGivesForEverySecondOfALeapDay() {
        for (int second = 0; second < 86_400; second += 7) {
            String time =
                    String.format(
                            "2024-02-29T%02d:%02d:%02d.%03dZ",
                            second / 3600, second / 60 % 60, second % 60, second % 1000);
            assertThat(BinaryModeReader.time(time)).isEqualTo(Time.parseTime(time).toInstant());
        }
    }
}
