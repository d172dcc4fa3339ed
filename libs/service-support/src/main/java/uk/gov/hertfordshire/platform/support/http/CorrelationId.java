package uk.gov.hertfordshire.platform.support.http;

import java.util.UUID;
import java.util.regex.Pattern;

/** The correlation id of the work in hand: from {@code X-Request-Id}, or a new one. */
public final class CorrelationId {

    /** Logging context key (MDC) under which the current correlation id is kept. */
    public static final String MDC_KEY = "correlationId";

    /** The header clients and the gateway send and every response carries. */
    public static final String HEADER = "X-Request-Id";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CorrelationId() {}

    /**
     * The caller's id if it is a plausible one; otherwise (absent, too long, or carrying characters
     * that could forge log lines) a fresh one.
     */
    static String fromHeader(String header) {
        if (header != null && ACCEPTABLE.matcher(header).matches()) {
            return header;
        }
        return UUID.randomUUID().toString();
    }
}
