package uk.gov.hertfordshire.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The public paths as one matcher decide exactly as Spring Security's own {@code pathMatchers} did
 * for the same rules (the matcher they replace), and what is public is what the rules say.
 */
class PathRulesTest {

    private static final List<String> PATHS =
            List.of(
                    "/open311/v2/services.json",
                    "/open311/v2/requests.json",
                    "/open311/",
                    "/open311",
                    "/api/catalogue/services",
                    "/api/catalogue/services/",
                    "/api/catalogue/services/pothole",
                    "/api/catalogue/services/pothole/questions",
                    "/api/content/channels/web/pages",
                    "/api/content/channels/web/items/42/feedback",
                    "/api/content/channels/digital_tv/items/42/report",
                    "/api/content/channels/intranet/items/42/feedback",
                    "/api/content/channels/web/items/42/feedback/x",
                    "/api/cases",
                    "/api/cases/1",
                    "/api/analytics/summary",
                    "/api/sap/postings",
                    "/fhir/r4/metadata",
                    "/fhir/r4/metadata/",
                    "/fhir/r4/Patient",
                    "/dashboard",
                    "/dashboard/app.js",
                    "/dashboards",
                    "/fallback/unavailable",
                    "/swagger-ui.html",
                    "/v3/api-docs/cases",
                    "/OPEN311/v2/services.json",
                    "/open311%2Fv2",
                    "//open311/v2/services.json",
                    "/");

    private static final List<HttpMethod> METHODS =
            List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.HEAD);

    /** The rules as they were written before, one pathMatchers per rule. */
    private static ServerWebExchangeMatcher asBefore(boolean apiDocsOn) {
        List<ServerWebExchangeMatcher> rules =
                new java.util.ArrayList<>(
                        List.of(ServerWebExchangeMatchers.pathMatchers("/fallback/**")));
        if (apiDocsOn) {
            rules.add(
                    ServerWebExchangeMatchers.pathMatchers(
                            HttpMethod.GET,
                            "/swagger-ui.html",
                            "/swagger-ui/**",
                            "/webjars/**",
                            "/v3/api-docs/**",
                            "/api-docs/**"));
        }
        rules.add(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/api/content/**"));
        rules.add(
                ServerWebExchangeMatchers.pathMatchers(
                        HttpMethod.POST,
                        "/api/content/channels/web/items/*/feedback",
                        "/api/content/channels/digital_tv/items/*/feedback",
                        "/api/content/channels/web/items/*/report",
                        "/api/content/channels/digital_tv/items/*/report"));
        rules.add(
                ServerWebExchangeMatchers.pathMatchers(
                        HttpMethod.GET, "/api/catalogue/services", "/api/catalogue/services/*"));
        rules.add(ServerWebExchangeMatchers.pathMatchers("/open311/**"));
        rules.add(
                ServerWebExchangeMatchers.pathMatchers(
                        HttpMethod.GET, "/dashboard", "/dashboard/**"));
        rules.add(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/fhir/r4/metadata"));
        return new org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher(
                rules);
    }

    private static boolean matches(
            ServerWebExchangeMatcher matcher, HttpMethod method, String path) {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.method(method, path).build());
        return matcher.matches(exchange).block().isMatch();
    }

    @Test
    void decidesEveryPathAndMethodAsTheOneRulePerMatcherDid() {
        for (boolean apiDocsOn : List.of(true, false)) {
            ServerWebExchangeMatcher before = asBefore(apiDocsOn);
            ServerWebExchangeMatcher now = GatewaySecurityConfiguration.publicPaths(apiDocsOn);
            int public_ = 0;
            for (String path : PATHS) {
                for (HttpMethod method : METHODS) {
                    boolean expected = matches(before, method, path);
                    assertThat(matches(now, method, path))
                            .as("%s %s (api docs %s)", method, path, apiDocsOn)
                            .isEqualTo(expected);
                    public_ += expected ? 1 : 0;
                }
            }
            // Both answers, not only "no": the comparison would pass for two matchers that
            // match nothing.
            assertThat(public_).isBetween(10, PATHS.size() * METHODS.size() - 10);
        }
    }

    @Test
    void theCheapReadsArePublicAndTheirNeighboursAreNot() {
        ServerWebExchangeMatcher now = GatewaySecurityConfiguration.publicPaths(false);
        assertThat(matches(now, HttpMethod.GET, "/open311/v2/services.json")).isTrue();
        assertThat(matches(now, HttpMethod.GET, "/api/catalogue/services")).isTrue();
        assertThat(matches(now, HttpMethod.GET, "/api/catalogue/services/pothole")).isTrue();
        assertThat(matches(now, HttpMethod.GET, "/api/content/channels/web/pages")).isTrue();
        // Controls: a catalogue change, a case read, a staff channel's feedback, a FHIR
        // resource and the API docs with the docs off all need more than nothing.
        assertThat(matches(now, HttpMethod.POST, "/api/catalogue/services")).isFalse();
        assertThat(matches(now, HttpMethod.GET, "/api/cases/1")).isFalse();
        assertThat(
                        matches(
                                now,
                                HttpMethod.POST,
                                "/api/content/channels/intranet/items/42/feedback"))
                .isFalse();
        assertThat(matches(now, HttpMethod.GET, "/fhir/r4/Patient")).isFalse();
        assertThat(matches(now, HttpMethod.GET, "/v3/api-docs/cases")).isFalse();
        assertThat(
                        matches(
                                GatewaySecurityConfiguration.publicPaths(true),
                                HttpMethod.GET,
                                "/v3/api-docs/cases"))
                .isTrue();
    }
}
