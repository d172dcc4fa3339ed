package uk.gov.hertfordshire.gateway.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Several path patterns (each for one method, or for any) as one matcher, tried in a plain loop.
 *
 * <p>{@code pathMatchers(...)} builds an {@code OrServerWebExchangeMatcher} per call, which runs
 * its patterns through a {@code Flux} and, for each pattern it tries, builds a debug message
 * ({@code "Trying to match using " + matcher}) before the logger checks the level: on a public read
 * that came to 2.6% of the gateway's CPU (docs/benchmarks/gateway.md). The patterns are parsed as
 * Spring Security parses them ({@link PathPatternParser#defaultInstance}) and matched against the
 * same path (the path within the application), so what matches is unchanged.
 */
final class PathRules implements ServerWebExchangeMatcher {

    private record Rule(HttpMethod method, PathPattern pattern) {}

    private final List<Rule> rules = new ArrayList<>();

    /** Adds patterns matched for any method. */
    PathRules any(String... patterns) {
        return add(null, patterns);
    }

    /** Adds patterns matched for {@code method} only. */
    PathRules add(HttpMethod method, String... patterns) {
        for (String pattern : patterns) {
            rules.add(new Rule(method, PathPatternParser.defaultInstance.parse(pattern)));
        }
        return this;
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        HttpMethod method = request.getMethod();
        for (Rule rule : rules) {
            if ((rule.method() == null || rule.method().equals(method))
                    && rule.pattern().matches(path)) {
                return MatchResult.match();
            }
        }
        return MatchResult.notMatch();
    }
}
