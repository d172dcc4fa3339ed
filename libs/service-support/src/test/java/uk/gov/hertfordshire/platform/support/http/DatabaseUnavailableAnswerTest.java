package uk.gov.hertfordshire.platform.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * An unavailable database is answered 503 problem details with {@code Retry-After}, from a
 * controller and from a filter, naming nothing internal; bad SQL stays a 500.
 */
class DatabaseUnavailableAnswerTest {

    private static final CannotGetJdbcConnectionException NO_CONNECTION =
            new CannotGetJdbcConnectionException(
                    "Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException(
                            "HikariPool-1 - Connection is not available, request timed out after"
                                    + " 2001ms (jdbc:postgresql://db.internal:5432/case_service)"));

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void aControllerThatCouldNotReachTheDatabaseIsAnswered503WithRetryAfter() {
        ResponseEntity<ProblemDetail> answer =
                advice.unexpected(NO_CONNECTION, request("/api/cases"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getTitle()).isEqualTo("Service temporarily unavailable");
        assertThat(problem.getDetail()).contains("Try again shortly");
        assertThat(
                        String.valueOf(problem.getDetail())
                                + problem.getTitle()
                                + problem.getProperties())
                .doesNotContainIgnoringCase("jdbc")
                .doesNotContainIgnoringCase("hikari")
                .doesNotContainIgnoringCase("postgres")
                .doesNotContain("db.internal");
    }

    @Test
    void badSqlIsStillAnInternalError() {
        BadSqlGrammarException bug =
                new BadSqlGrammarException(
                        "select",
                        "SELECT nope",
                        new SQLException("column does not exist", "42703"));

        ResponseEntity<ProblemDetail> answer = advice.unexpected(bug, request("/api/cases"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isNull();
    }

    @Test
    void aFilterThatCouldNotReachTheDatabaseIsAnswered503ProblemDetails() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        new DatabaseUnavailableFilter()
                .doFilter(
                        new MockHttpServletRequest("POST", "/api/cases"),
                        response,
                        new MockFilterChain(
                                new jakarta.servlet.http.HttpServlet() {},
                                new ThrowingFilter(NO_CONNECTION)));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentAsString())
                .contains("\"status\":503", "Service temporarily unavailable")
                .doesNotContainIgnoringCase("hikari")
                .doesNotContainIgnoringCase("jdbc");
    }

    @Test
    void anyOtherFailureLeavesTheFilterUnchanged() {
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThatThrownBy(
                        () ->
                                new DatabaseUnavailableFilter()
                                        .doFilter(
                                                new MockHttpServletRequest("GET", "/api/cases"),
                                                new MockHttpServletResponse(),
                                                new MockFilterChain(
                                                        new jakarta.servlet.http.HttpServlet() {},
                                                        new ThrowingFilter(bug))))
                .isSameAs(bug);
    }

    private static ServletWebRequest request(String path) {
        return new ServletWebRequest(new MockHttpServletRequest("GET", path));
    }

    private record ThrowingFilter(RuntimeException failure) implements jakarta.servlet.Filter {
        @Override
        public void doFilter(
                jakarta.servlet.ServletRequest request,
                jakarta.servlet.ServletResponse response,
                jakarta.servlet.FilterChain chain)
                throws ServletException {
            throw failure;
        }
    }
}
