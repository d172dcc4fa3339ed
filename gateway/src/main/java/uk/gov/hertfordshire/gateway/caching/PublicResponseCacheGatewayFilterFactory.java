package uk.gov.hertfordshire.gateway.caching;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A route's {@code GET} answers that the service marked {@code public}, kept in the gateway's
 * memory for at most the route's time to live and shared by every caller, with {@code 304} for a
 * caller who already has the kept version (ADR 37, replacing Spring Cloud Gateway's {@code
 * LocalResponseCache} of ADR 27).
 *
 * <p>Shared by every caller because the service said so: an answer is kept only when its {@code
 * Cache-Control} says {@code public} (which lets a shared cache keep the answer to a request that
 * carried {@code Authorization}, RFC 9111 section 3.5) and nothing of {@code private}, {@code
 * no-store} or {@code no-cache}, it is a {@code 200}, it sets no cookie, and it varies by nothing
 * but the CORS request headers and {@code Accept-Encoding} (the gateway writes its own CORS headers
 * on every answer). So the key is the path and query alone: no header is read to make it, where
 * {@code LocalResponseCache} hashed the URI, the {@code Authorization} header and the cookies twice
 * per read, and each read of the bearer token went through Spring Security's header firewall
 * (together over a fifth of the gateway's CPU on a cached page, docs/benchmarks/gateway.md).
 *
 * <p>The filter runs after authentication and the rate limit (global filters before it), so a
 * request refused by either never reaches the cache. A request asking for a fresh answer ({@code
 * Cache-Control: no-cache} or {@code no-store}) goes to the service and its answer is not kept. On
 * a hit, {@code max-age} is what is left of the entry's time; the caller's own request id,
 * rate-limit count and security headers are written as on any answer, since none of them is kept.
 */
@Component
public class PublicResponseCacheGatewayFilterFactory
        extends AbstractGatewayFilterFactory<PublicResponseCacheGatewayFilterFactory.Config> {

    /** Before the response writer, whose {@code writeWith} the miss path must see decorated. */
    static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 3;

    private static final Pattern MAX_AGE =
            Pattern.compile("(?:^|[,\\s])(s-maxage|max-age)\\s*=\\s*\"?(\\d+)");

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
                    "cache-control",
                    "vary",
                    "set-cookie");

    /** What an answer kept for every caller may vary by: the gateway's CORS headers only. */
    private static final Set<String> SHARED_VARY =
            Set.of(
                    "origin",
                    "access-control-request-method",
                    "access-control-request-headers",
                    "accept-encoding");

    public PublicResponseCacheGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("timeToLive", "size");
    }

    @Override
    public GatewayFilter apply(Config config) {
        return new OrderedGatewayFilter(new Kept(config)::filter, ORDER);
    }

    /** The route's time to live and the memory its kept bodies may take. */
    public static class Config {
        private Duration timeToLive = Duration.ofSeconds(10);
        private DataSize size = DataSize.ofMegabytes(16);

        public Duration getTimeToLive() {
            return timeToLive;
        }

        public void setTimeToLive(Duration timeToLive) {
            this.timeToLive = timeToLive;
        }

        public DataSize getSize() {
            return size;
        }

        public void setSize(DataSize size) {
            this.size = size;
        }
    }

    /** One route's kept answers. */
    static final class Kept {

        private final Duration timeToLive;
        private final Cache<String, Entry> entries;

        Kept(Config config) {
            this.timeToLive = config.getTimeToLive();
            this.entries =
                    Caffeine.newBuilder()
                            .maximumWeight(config.getSize().toBytes())
                            .<String, Entry>weigher((key, entry) -> entry.weight(key))
                            .expireAfterWrite(timeToLive.isNegative() ? Duration.ZERO : timeToLive)
                            .build();
        }

        Mono<Void> filter(
                ServerWebExchange exchange,
                org.springframework.cloud.gateway.filter.GatewayFilterChain chain) {
            ServerHttpRequest request = exchange.getRequest();
            if (!HttpMethod.GET.equals(request.getMethod()) || timeToLive.isZero()) {
                return chain.filter(exchange);
            }
            if (asksForFresh(request.getHeaders().getFirst(HttpHeaders.CACHE_CONTROL))) {
                return chain.filter(exchange);
            }
            String rawQuery = request.getURI().getRawQuery();
            String key =
                    rawQuery == null
                            ? request.getURI().getRawPath()
                            : request.getURI().getRawPath() + '?' + rawQuery;
            long now = System.nanoTime();
            Entry entry = entries.getIfPresent(key);
            if (entry != null && entry.expiresAt() - now > 0) {
                return answer(exchange, entry, now);
            }
            return chain.filter(
                    exchange.mutate()
                            .response(
                                    new KeepingResponse(
                                            exchange.getResponse(),
                                            this::shareableFor,
                                            (headers, body, lifetime) ->
                                                    entries.put(
                                                            key,
                                                            Entry.of(headers, body, lifetime))))
                            .build());
        }

        private static Mono<Void> answer(ServerWebExchange exchange, Entry entry, long now) {
            ServerHttpResponse response = exchange.getResponse();
            HttpHeaders headers = response.getHeaders();
            headers.addAll(entry.headers());
            headers.setCacheControl(entry.cacheControl(entry.expiresAt() - now));
            String etag = entry.headers().getETag();
            if (etag != null
                    && matches(
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

        /** How long an answer may be kept for every caller, or {@code null} if it may not. */
        private Duration shareableFor(ServerHttpResponse response) {
            if (!HttpStatus.OK.equals(response.getStatusCode())) {
                return null;
            }
            HttpHeaders headers = response.getHeaders();
            if (headers.containsHeader(HttpHeaders.SET_COOKIE)) {
                return null;
            }
            for (String vary : headers.getValuesAsList(HttpHeaders.VARY)) {
                if (!SHARED_VARY.contains(vary.toLowerCase(Locale.ROOT))) {
                    return null;
                }
            }
            String cacheControl =
                    String.join(",", headers.getValuesAsList(HttpHeaders.CACHE_CONTROL))
                            .toLowerCase(Locale.ROOT);
            List<String> directives =
                    List.of(cacheControl.split(",")).stream()
                            .map(d -> d.strip().split("=", 2)[0].strip())
                            .toList();
            if (!directives.contains("public")
                    || directives.contains("private")
                    || directives.contains("no-store")
                    || directives.contains("no-cache")) {
                return null;
            }
            Duration allowed = null;
            Matcher age = MAX_AGE.matcher(cacheControl);
            while (age.find()) {
                Duration found = Duration.ofSeconds(Long.parseLong(age.group(2)));
                // s-maxage is the shared caches' own, ahead of max-age.
                if (allowed == null || age.group(1).equals("s-maxage")) {
                    allowed = found;
                }
            }
            if (allowed == null || allowed.isZero()) {
                return null;
            }
            return allowed.compareTo(timeToLive) < 0 ? allowed : timeToLive;
        }
    }

    private static boolean asksForFresh(String cacheControl) {
        if (cacheControl == null) {
            return false;
        }
        String lower = cacheControl.toLowerCase(Locale.ROOT);
        return lower.contains("no-cache") || lower.contains("no-store");
    }

    /** Whether an {@code If-None-Match} names the ETag (weakly compared, RFC 9110 13.1.2). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String wanted = opaque(etag);
        for (String offered : ifNoneMatch.split(",")) {
            String tag = offered.strip();
            if (tag.equals("*") || opaque(tag).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }

    /** A kept answer: its headers (none of the caller's own), body and end of life. */
    record Entry(
            HttpHeaders headers,
            String cacheControlHead,
            String cacheControlTail,
            byte[] body,
            long expiresAt) {

        private static final Pattern MAX_AGE_VALUE =
                Pattern.compile("(?<![-\\w])max-age\\s*=\\s*\"?\\d+\"?");

        /** The service's {@code Cache-Control} with {@code max-age} what is left of this entry. */
        String cacheControl(long nanosLeft) {
            return cacheControlTail == null
                    ? cacheControlHead
                    : cacheControlHead
                            + "max-age="
                            + Duration.ofNanos(nanosLeft).toSeconds()
                            + cacheControlTail;
        }

        static Entry of(HttpHeaders response, byte[] body, Duration lifetime) {
            HttpHeaders kept = new HttpHeaders();
            response.forEach(
                    (name, values) -> {
                        String lower = name.toLowerCase(Locale.ROOT);
                        if (!NOT_KEPT.contains(lower) && !lower.startsWith("access-control-")) {
                            kept.put(name, List.copyOf(values));
                        }
                    });
            String cacheControl =
                    String.join(", ", response.getValuesAsList(HttpHeaders.CACHE_CONTROL));
            Matcher maxAge = MAX_AGE_VALUE.matcher(cacheControl);
            boolean found = maxAge.find();
            return new Entry(
                    HttpHeaders.readOnlyHttpHeaders(kept),
                    found ? cacheControl.substring(0, maxAge.start()) : cacheControl,
                    found ? cacheControl.substring(maxAge.end()) : null,
                    body,
                    System.nanoTime() + lifetime.toNanos());
        }

        int weight(String key) {
            return body.length + key.length() + 256;
        }
    }
}
