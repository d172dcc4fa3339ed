package uk.gov.hertfordshire.platform.support.http;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one answer while the service's database cannot be reached: 503 problem details with {@code
 * Retry-After}, saying the caller did nothing wrong and may try again, and nothing of which
 * database, host or exception. Given by {@link ProblemDetailsAdvice} for a controller and by {@link
 * DatabaseUnavailableFilter} for a filter (Idempotency-Key, an API key check) that needed the
 * database first.
 */
final class DatabaseUnavailableProblem {

    /** Seconds a caller should wait before retrying: a restart takes about that long. */
    static final String RETRY_AFTER_SECONDS = "5";

    static final String TITLE = "Service temporarily unavailable";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableProblem.class);

    private DatabaseUnavailableProblem() {}

    static ProblemDetail of(Throwable failure, String path) {
        String correlationId = MDC.get(CorrelationId.MDC_KEY);
        // A warning without the stack: every request says the same while the database is down.
        log.warn(
                "Database unavailable while answering {} (correlation id {}): {}",
                path,
                correlationId,
                rootMessage(failure));
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "This service cannot reach its records just now. Try again shortly.");
        problem.setTitle(TITLE);
        if (path != null) {
            problem.setInstance(URI.create(path));
        }
        problem.setProperty("correlationId", correlationId);
        return problem;
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
