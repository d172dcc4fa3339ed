package uk.gov.hertfordshire.gateway.caching;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.gov.hertfordshire.gateway.security.CallerAuthentication;
import uk.gov.hertfordshire.gateway.security.RequestPrincipal;
import uk.gov.hertfordshire.platform.security.Role;

/**
 * The catalogue reads ({@code GET /api/catalogue/services}, {@code GET
 * /open311/v2/services.json|xml}) answered from the gateway's memory, one entry per path, query and
 * caller class, dropped in every gateway instance when the catalogue changes (ADR 42).
 *
 * <p>The caller class is what decides which list case-service returns: whether the caller holds a
 * staff role ({@link Role#isStaff}, the same test the service makes), so anonymous callers,
 * citizens and partners share one entry and all staff another; never the token itself.
 *
 * <p>An answer is kept only when the service says the gateway may: a {@code 200} with a {@code
 * Gateway-Cache-Control: max-age=N} field (a cache-control field targeted at the gateway alone, in
 * the manner of RFC 9213, which every other cache ignores and the gateway does not pass on), no
 * {@code private} or {@code no-store} in its {@code Cache-Control}, no {@code Set-Cookie}, no
 * {@code Content-Encoding}, and no {@code Vary} beyond {@code Authorization} (which the caller
 * class stands for) and the CORS request headers. The service's own {@code Cache-Control:
 * no-cache}, {@code Vary} and {@code ETag} go out on every hit, so browsers and other caches
 * revalidate as before, and a caller whose {@code If-None-Match} names the kept {@code ETag} gets
 * {@code 304}. When and for how long an entry is answered is {@link CatalogueEntries}'s.
 */
@Component
public class CatalogueResponseCacheGatewayFilterFactory
        extends AbstractGatewayFilterFactory<Object> {

    /** The field by which the service allows the gateway to keep an answer per caller class. */
    static final String GATEWAY_CACHE_CONTROL = "Gateway-Cache-Control";

    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*(\\d+)");

    /** Response headers never kept: the caller's own, per-connection, or written per answer. */
    private static final Set<String> NOT_KEPT =
            Set.of(
                    "x-request-id",
                    "x-ratelimit-remaining",
                    "retry-after",
                    "date",
                    "connection",
                    "keep-alive",
                    "transfer-encoding",
                    "content-length",
                    "vary",
                    "set-cookie",
                    "gateway-cache-control");

    /** The request headers a kept answer may vary by: the caller class and the gateway's CORS. */
    private static final Set<String> CLASS_VARY =
            Set.of(
                    "authorization",
                    "origin",
                    "access-control-request-method",
                    "access-control-request-headers");

    private final CatalogueEntries entries;

    public CatalogueResponseCacheGatewayFilterFactory(CatalogueEntries entries) {
        super(Object.class);
        this.entries = entries;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return new OrderedGatewayFilter(
                this::filter, PublicResponseCacheGatewayFilterFactory.ORDER);
    }

    private Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!HttpMethod.GET.equals(request.getMethod())) {
            return chain.filter(exchange);
        }
        String cacheControl = request.getHeaders().getFirst(HttpHeaders.CACHE_CONTROL);
        boolean fresh =
                cacheControl != null
                        && (cacheControl.toLowerCase(Locale.ROOT).contains("no-cache")
                                || cacheControl.toLowerCase(Locale.ROOT).contains("no-store"));
        return RequestPrincipal.current()
                .map(CatalogueResponseCacheGatewayFilterFactory::callerClass)
                .defaultIfEmpty("public")
                .flatMap(
                        callerClass -> {
                            String rawQuery = request.getURI().getRawQuery();
                            String key =
                                    callerClass
                                            + ' '
                                            + request.getURI().getRawPath()
                                            + (rawQuery == null ? "" : '?' + rawQuery);
                            long generation = entries.generation();
                            CatalogueEntries.Entry entry =
                                    fresh ? null : entries.answer(key, System.nanoTime());
                            if (entry != null) {
                                return answer(exchange, entry);
                            }
                            ServerHttpResponse response = exchange.getResponse();
                            response.beforeCommit(
                                    () -> {
                                        // For the gateway only: never passed on.
                                        response.getHeaders().remove(GATEWAY_CACHE_CONTROL);
                                        return Mono.empty();
                                    });
                            ServerHttpResponse keeping =
                                    fresh
                                            ? response
                                            : new KeepingResponse(
                                                    response,
                                                    CatalogueResponseCacheGatewayFilterFactory
                                                            ::keepableFor,
                                                    (headers, body, allowed) ->
                                                            entries.keep(
                                                                    key,
                                                                    kept(headers),
                                                                    body,
                                                                    allowed,
                                                                    generation));
                            return chain.filter(exchange.mutate().response(keeping).build());
                        });
    }

    /** Staff see every service, everyone else those offered online: that is the class. */
    static String callerClass(java.security.Principal principal) {
        if (principal instanceof CallerAuthentication authentication
                && authentication.caller().roles().stream().anyMatch(Role::isStaff)) {
            return "staff";
        }
        return "public";
    }

    private static Mono<Void> answer(ServerWebExchange exchange, CatalogueEntries.Entry entry) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.addAll(entry.headers());
        String etag = entry.headers().getETag();
        if (etag != null
                && PublicResponseCacheGatewayFilterFactory.matches(
                        exchange.getRequest().getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH),
                        etag)) {
            response.setStatusCode(HttpStatus.NOT_MODIFIED);
            headers.remove(HttpHeaders.CONTENT_TYPE);
            return response.setComplete();
        }
        response.setStatusCode(HttpStatus.OK);
        headers.setContentLength(entry.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(entry.body())));
    }

    /** How long the service lets the gateway keep this answer, or {@code null} if it may not. */
    static Duration keepableFor(ServerHttpResponse response) {
        if (!HttpStatus.OK.equals(response.getStatusCode())) {
            return null;
        }
        HttpHeaders headers = response.getHeaders();
        String allowed = headers.getFirst(GATEWAY_CACHE_CONTROL);
        if (allowed == null
                || headers.containsHeader(HttpHeaders.SET_COOKIE)
                || headers.containsHeader(HttpHeaders.CONTENT_ENCODING)) {
            return null;
        }
        for (String vary : headers.getValuesAsList(HttpHeaders.VARY)) {
            if (!CLASS_VARY.contains(vary.strip().toLowerCase(Locale.ROOT))) {
                return null;
            }
        }
        for (String directive :
                String.join(",", headers.getValuesAsList(HttpHeaders.CACHE_CONTROL)).split(",")) {
            String name = directive.strip().split("=", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (name.equals("private") || name.equals("no-store")) {
                return null;
            }
        }
        Matcher maxAge = MAX_AGE.matcher(allowed.toLowerCase(Locale.ROOT));
        if (!maxAge.find()) {
            return null;
        }
        Duration seconds = Duration.ofSeconds(Long.parseLong(maxAge.group(1)));
        return seconds.isZero() ? null : seconds;
    }

    /** The service's headers as kept: without the caller's own and per-connection ones. */
    private static HttpHeaders kept(HttpHeaders response) {
        HttpHeaders kept = new HttpHeaders();
        response.forEach(
                (name, values) -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!NOT_KEPT.contains(lower) && !lower.startsWith("access-control-")) {
                        kept.put(name, List.copyOf(values));
                    }
                });
        // The service's Vary: Authorization stays true for every cache after the gateway; the
        // gateway's own CORS values it writes again on every answer.
        for (String vary : response.getValuesAsList(HttpHeaders.VARY)) {
            if (vary.strip().equalsIgnoreCase(HttpHeaders.AUTHORIZATION)) {
                kept.add(HttpHeaders.VARY, HttpHeaders.AUTHORIZATION);
            }
        }
        return HttpHeaders.readOnlyHttpHeaders(kept);
    }
}
