package uk.gov.hertfordshire.cases.open311;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error under {@code /open311/} in GeoReport v2's format, whoever produced it. The shared
 * library answers its refusals as RFC 9457 problem details: an invalid bearer token (401), a role
 * that may not (403), a reused Idempotency-Key (409, 422), an unsupported method (405) or media
 * type (415), a path that does not exist (404). Civic apps parse Open311's error list, not problem
 * details, so this filter, outside all of them, rewrites any problem response on these paths into
 * that list, keeping the status and the problem's detail as the description.
 */
final class Open311ErrorTranslation extends OncePerRequestFilter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/open311/");
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
        } finally {
            String type = recorded.getContentType();
            if (recorded.getStatus() >= 400
                    && type != null
                    && MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(
                            MediaType.parseMediaType(type))) {
                String description = detail(recorded.getContentAsByteArray());
                recorded.resetBuffer();
                Open311Errors.write(
                        recorded,
                        request.getRequestURI(),
                        HttpStatus.valueOf(recorded.getStatus()),
                        description);
            }
            recorded.copyBodyToResponse();
        }
    }

    private static String detail(byte[] problem) {
        try {
            JsonNode node = JSON.readTree(problem);
            if (node.hasNonNull("detail")) {
                return node.get("detail").asString();
            }
            if (node.hasNonNull("title")) {
                return node.get("title").asString();
            }
        } catch (RuntimeException unreadable) {
            // Fall through to the generic description.
        }
        return "The request could not be fulfilled.";
    }
}
