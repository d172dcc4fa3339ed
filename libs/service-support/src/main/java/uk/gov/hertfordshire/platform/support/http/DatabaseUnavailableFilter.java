package uk.gov.hertfordshire.platform.support.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.support.database.DatabaseUnavailable;

/**
 * Answers 503 problem details when a filter, not a controller, found the database unavailable (the
 * Idempotency-Key claim, a service's API key check): without it that failure would leave the filter
 * chain and become the container's 500. Anything else that escapes is passed on unchanged.
 */
final class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException failure) {
            if (!DatabaseUnavailable.causedBy(failure) || response.isCommitted()) {
                throw failure;
            }
            ProblemDetail problem = DatabaseUnavailableProblem.of(failure, request.getRequestURI());
            response.reset();
            String correlationId = MDC.get(CorrelationId.MDC_KEY);
            if (correlationId != null) {
                response.setHeader(CorrelationId.HEADER, correlationId);
            }
            response.setStatus(problem.getStatus());
            response.setHeader(
                    HttpHeaders.RETRY_AFTER, DatabaseUnavailableProblem.RETRY_AFTER_SECONDS);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
        }
    }
}
