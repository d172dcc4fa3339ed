package uk.gov.hertfordshire.platform.events;

import io.cloudevents.types.Time;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
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
 * the SDK's own time parser, and the same URI check for the source and data schema.
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
            at = time == null ? null : Time.parseTime(time).toInstant();
        } catch (IllegalArgumentException | DateTimeException unreadable) {
            return null;
        }
        if (!uuid.toString().equalsIgnoreCase(id)) {
            return null; // UUID.fromString is lenient about short groups; leave those to the SDK
        }
        return new ReceivedEvent(uuid, type, source, subject, at, correlationId, record.value());
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
