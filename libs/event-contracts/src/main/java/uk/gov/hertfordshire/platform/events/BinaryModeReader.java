package uk.gov.hertfordshire.platform.events;

import io.cloudevents.types.Time;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Reads the consumer's view of a CloudEvent straight from a binary-mode record's {@code ce_*}
 * headers, in one pass and without building the SDK's {@code CloudEvent} (a builder, a map of
 * extensions, two URIs and a copy of the data per event: a fifth of a projection's CPU).
 *
 * <p>It only ever accepts: a record it cannot vouch for (structured mode, another spec version, an
 * attribute missing or empty, an id that is not a UUID, a time, source or schema that does not
 * parse, an extension name the spec does not allow, a header without a value, a header name in
 * another case) gets {@code null}, and the caller hands it to the CloudEvents SDK, which reads it
 * or says why not. What it accepts, the SDK reads the same way ({@code CloudEventsTest} compares
 * both on well-formed and broken records): the same headers, the last of a repeated one winning,
 * the same time (the SDK's own parser for any form but the platform's UTC one), and the same URI
 * check for the source and data schema.
 */
final class BinaryModeReader {

    private static final String PREFIX = "ce_";
    private static final String CONTENT_TYPE = "content-type";

    /** Sources and schemas already checked: a platform has a few dozen of each. */
    private static final int KNOWN_URIS_LIMIT = 256;

    private final Map<String, Boolean> knownUris = new ConcurrentHashMap<>();

    /** The record's event, or null if the SDK must decide. */
    ReceivedEvent read(ConsumerRecord<String, byte[]> record) {
        String specVersion = null;
        String id = null;
        String source = null;
        String type = null;
        String subject = null;
        String time = null;
        String correlationId = null;
        for (Header header : record.headers()) {
            String key = header.key();
            byte[] raw = header.value();
            if (key.equals(CONTENT_TYPE)) {
                if (raw == null || cloudEventsFormat(raw)) {
                    return null;
                }
                continue;
            }
            if (!key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                if (key.equalsIgnoreCase(CONTENT_TYPE)) {
                    return null;
                }
                continue;
            }
            if (raw == null || !key.startsWith(PREFIX) || !lowerCaseName(key)) {
                return null;
            }
            String value = new String(raw, StandardCharsets.UTF_8);
            switch (key.substring(PREFIX.length())) {
                case "specversion" -> specVersion = value;
                case "id" -> id = value;
                case "source" -> source = value;
                case "type" -> type = value;
                case "subject" -> subject = value;
                case "time" -> time = value;
                case "dataschema" -> {
                    if (!uri(value)) {
                        return null;
                    }
                }
                case CloudEvents.CORRELATION_ID_EXTENSION -> correlationId = value;
                default -> {
                    // datacontenttype or another extension: not part of the consumer's view
                }
            }
        }
        if (!"1.0".equals(specVersion)
                || id == null
                || isEmpty(source)
                || isEmpty(type)
                || !uri(source)) {
            return null;
        }
        UUID uuid;
        Instant at;
        try {
            uuid = UUID.fromString(id);
            at = time == null ? null : time(time);
        } catch (IllegalArgumentException | DateTimeException unreadable) {
            return null;
        }
        if (!uuid.toString().equalsIgnoreCase(id)) {
            return null; // UUID.fromString is lenient about short groups; leave those to the SDK
        }
        return new ReceivedEvent(uuid, type, source, subject, at, correlationId, record.value());
    }

    /**
     * The SDK's reading of an RFC 3339 time. Every platform producer writes UTC as {@code
     * 2024-06-01T09:30:00Z}, with or without a fraction of a second: that form is read here
     * directly (the SDK's formatter was a tenth of a projection's CPU); any other form, and any
     * value out of range, goes to the SDK's parser, which reads or refuses it.
     */
    static Instant time(String value) {
        Instant utc = canonicalUtc(value);
        return utc != null ? utc : Time.parseTime(value).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in range, or null. */
    private static Instant canonicalUtc(String v) {
        int n = v.length();
        if (n < 20
                || n == 21
                || n > 30
                || v.charAt(4) != '-'
                || v.charAt(7) != '-'
                || v.charAt(10) != 'T'
                || v.charAt(13) != ':'
                || v.charAt(16) != ':'
                || v.charAt(n - 1) != 'Z'
                || (n > 20 && v.charAt(19) != '.')) {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fraction = digits(v, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 1 - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth()
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(
                epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code v[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String v, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code ce_} and then what the spec allows in an attribute name: a-z and 0-9. */
    private static boolean lowerCaseName(String key) {
        if (key.length() == PREFIX.length()) {
            return false;
        }
        for (int i = PREFIX.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** A content type naming a structured-mode format ({@code application/cloudevents+json}). */
    private static boolean cloudEventsFormat(byte[] contentType) {
        return new String(contentType, StandardCharsets.UTF_8)
                .toLowerCase(java.util.Locale.ROOT)
                .contains("cloudevents");
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    /** Whether the SDK's {@code new URI(value)} accepts it, remembered for the values seen. */
    private boolean uri(String value) {
        if (knownUris.containsKey(value)) {
            return true;
        }
        try {
            new URI(value);
        } catch (URISyntaxException notUri) {
            return false;
        }
        if (knownUris.size() < KNOWN_URIS_LIMIT) {
            knownUris.put(value, Boolean.TRUE);
        }
        return true;
    }
}
