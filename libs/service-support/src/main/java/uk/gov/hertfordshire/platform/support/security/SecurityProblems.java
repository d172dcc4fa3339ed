package uk.gov.hertfordshire.platform.support.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401, 403 and 503 as RFC 9457 problem details, with the bearer-token challenge RFC 6750 asks for.
 * The reason a token was refused is logged, not returned: telling a caller which check failed helps
 * whoever is forging tokens more than whoever holds a real one.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** How long to wait before retrying while an identity provider cannot be reached. */
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public void commence(
            HttpServletRequest request,
            HttpServletResponse response,
            AuthenticationException failure)
            throws IOException {
        if (failure instanceof IssuerUnavailableException) {
            log.warn("{} (cause: {})", failure.getMessage(), rootMessage(failure));
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            write(
                    request,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Sign-in temporarily unavailable",
                    "The access token could not be checked just now. Try again shortly.");
            return;
        }
        if (failure instanceof OAuth2AuthenticationException) {
            log.debug(
                    "Refused a bearer token on {}: {}",
                    request.getRequestURI(),
                    rootMessage(failure));
            response.setHeader(
                    HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"invalid_token\", error_description=\"The access token is not"
                            + " valid\"");
            write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "Invalid access token",
                    "The bearer access token is not valid here: it may have expired, not be valid"
                            + " yet, or not be one this service accepts. Get a new token and try"
                            + " again.");
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                "Authentication required",
                "This request needs a bearer access token in the Authorization header.");
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                "Not allowed",
                "Your roles do not allow this request.");
    }

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String title,
            String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
