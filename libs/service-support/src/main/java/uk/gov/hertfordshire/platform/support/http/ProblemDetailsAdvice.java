package uk.gov.hertfordshire.platform.support.http;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import uk.gov.hertfordshire.platform.support.database.DatabaseUnavailable;

/**
 * Every error as RFC 9457 problem details that say what is wrong in the caller's terms: which
 * fields failed and why, never a stack trace, class or SQL. Unexpected failures are logged with the
 * correlation id, which the response carries so support can find the log line.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** Where the platform's own code lives: its refusals are worded for the caller. */
    private static final String OUR_PACKAGES = "uk.gov.hertfordshire.";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        List<Map<String, String>> errors =
                ex.getBindingResult().getFieldErrors().stream()
                        .map(
                                error ->
                                        Map.of(
                                                "field",
                                                error.getField(),
                                                "message",
                                                String.valueOf(error.getDefaultMessage())))
                        .toList();
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST, "The request has invalid fields: see errors.");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        String detail = "The request body is not valid JSON for this operation.";
        String field = null;
        String message = null;
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            field =
                    databind.getPath().stream()
                            .map(
                                    reference ->
                                            reference.getPropertyName() != null
                                                    ? reference.getPropertyName()
                                                    : "[" + reference.getIndex() + "]")
                            .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                            .orElse("");
            if (databind instanceof UnrecognizedPropertyException) {
                // Request bodies are strict (StrictRequestBodies): a field the caller may not set
                // (status, assignee...) is refused by name, never silently dropped.
                message = "is not allowed in this request";
                detail = "The field '" + field + "' is not allowed in this request.";
            } else {
                message = "is missing or of the wrong type";
                detail = "The field '" + field + "' is missing, of the wrong type or not allowed.";
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Unreadable request");
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * Refusals from method security ({@code @PreAuthorize}) and a missing caller go back to Spring
     * Security's exception translation, so a 401 or 403 looks the same wherever it arose — and is
     * never mistaken for an unexpected 500 below.
     */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException ex) {
        throw ex;
    }

    /**
     * A rule of the domain refused the request (for example an invalid value). Our own code words
     * its refusals for the caller, so their message is the detail; an {@link
     * IllegalArgumentException} a library threw speaks of the library's internals, so it is logged
     * and the caller gets a plain 400 instead.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> refused(IllegalArgumentException ex) {
        String detail = ex.getMessage();
        if (!thrownByOurCode(ex) || detail == null) {
            log.debug("A library refused a value in the request", ex);
            detail = "The request has a value this service cannot accept.";
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        return ResponseEntity.badRequest().body(problem);
    }

    private static boolean thrownByOurCode(Throwable ex) {
        StackTraceElement[] trace = ex.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith(OUR_PACKAGES);
    }

    /**
     * Everything else, unless the database could not be reached (stopped, restarting, no connection
     * to be had in time): that is 503 with {@code Retry-After}, the caller having done nothing
     * wrong. A fault of the code, bad SQL included, stays a 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, WebRequest request) {
        if (DatabaseUnavailable.causedBy(ex)) {
            String path =
                    request instanceof ServletWebRequest servlet
                            ? servlet.getRequest().getRequestURI()
                            : null;
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailableProblem.RETRY_AFTER_SECONDS)
                    .body(DatabaseUnavailableProblem.of(ex, path));
        }
        String correlationId = MDC.get(CorrelationId.MDC_KEY);
        log.error("Unhandled error (correlation id {})", correlationId, ex);
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "Something went wrong on our side. Quote the correlation id if you"
                                + " contact us.");
        problem.setTitle("Internal error");
        problem.setProperty("correlationId", correlationId);
        return ResponseEntity.internalServerError().body(problem);
    }
}
