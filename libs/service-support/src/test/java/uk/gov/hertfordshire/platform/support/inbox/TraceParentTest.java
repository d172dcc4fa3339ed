package uk.gov.hertfordshire.platform.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A batch listener skips the consumer span only for a record whose sender said "not sampled" in a
 * well-formed {@code traceparent} (W3C Trace Context, version 00); every other record gets its span
 * as before.
 */
class TraceParentTest {

    private static final String PREFIX = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-";

    @ParameterizedTest
    @CsvSource({
        "00, true",
        "02, true",
        "01, false",
        "03, false",
        "0f, false",
        "0e, true",
        "zz, false",
        "0, false",
        "001, false"
    })
    void onlyAWellFormedTraceparentWithTheSampledFlagOffIsUnsampled(
            String flags, boolean unsampled) {
        assertThat(TraceParent.unsampled(record(PREFIX + flags))).isEqualTo(unsampled);
    }

    @ParameterizedTest
    @CsvSource({
        // another version, or a header cut short or joined wrongly: the tracer decides
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
        "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-00",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_00"
    })
    void aTraceparentItCannotReadIsNotTakenAsUnsampled(String traceparent) {
        assertThat(TraceParent.unsampled(record(traceparent))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aRecordWithoutATraceparentIsNotTakenAsUnsampled() {
        assertThat(TraceParent.unsampled(new ConsumerRecord<>("t", 0, 0L, "k", new byte[0])))
                .isFalse();
        assertThat(TraceParent.unsampled(record(PREFIX + "00"))).isTrue();
    }

    private static ConsumerRecord<String, byte[]> record(String traceparent) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("t", 0, 0L, "k", new byte[0]);
        record.headers().add(TraceParent.HEADER, traceparent.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
