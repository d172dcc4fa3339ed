package uk.gov.hertfordshire.platform.support.security;

import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpMethod;

/**
 * Endpoints a service answers without a token, declared as a bean: everything else needs one.
 * Anonymous callers never reach method security, so this is the one thing {@code @PreAuthorize}
 * cannot say. Keep it to what is public by design (published content, Open311 reads); actuator
 * paths cannot be opened this way. A token sent anyway is still checked: an invalid one is 401.
 *
 * <pre>{@code
 * @Bean
 * PublicEndpoints open311Reads() {
 *     return PublicEndpoints.get("/open311/v2/services.json", "/open311/v2/services.xml");
 * }
 * }</pre>
 *
 * @param method the HTTP method they are open for
 * @param patterns path patterns ({@code PathPattern} syntax) relative to the servlet context
 */
public record PublicEndpoints(HttpMethod method, List<String> patterns) {

    public PublicEndpoints {
        Objects.requireNonNull(method, "method");
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("name at least one path pattern");
        }
    }

    /** Paths open to anonymous GET requests. */
    public static PublicEndpoints get(String... patterns) {
        return new PublicEndpoints(HttpMethod.GET, List.of(patterns));
    }

    /** Paths open to anonymous POST requests, whose handler checks its own credential. */
    public static PublicEndpoints post(String... patterns) {
        return new PublicEndpoints(HttpMethod.POST, List.of(patterns));
    }
}
