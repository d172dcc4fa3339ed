package uk.gov.hertfordshire.platform.support.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads the one thing a batch listener needs from a record's W3C {@code traceparent} header before
 * making a span for it: whether its sender said the trace is not sampled.
 */
final class TraceParent {

    static final String HEADER = "traceparent";

    /** {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}. */
    private static final int LENGTH = 55;

    private static final int FLAGS = 53;

    private TraceParent() {}

    /**
     * Whether the record carries a version-00 {@code traceparent} whose sampled flag is off. A
     * record without one, or with one this does not understand, is not known to be unsampled: the
     * tracer decides for it as before (a new trace, sampled at the configured probability).
     */
    static boolean unsampled(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(HEADER);
        byte[] value = header == null ? null : header.value();
        if (value == null
                || value.length != LENGTH
                || value[0] != '0'
                || value[1] != '0'
                || value[2] != '-'
                || value[35] != '-'
                || value[52] != '-') {
            return false;
        }
        int high = Character.digit(value[FLAGS], 16);
        int low = Character.digit(value[FLAGS + 1], 16);
        return high >= 0 && low >= 0 && (low & 1) == 0;
    }
}
