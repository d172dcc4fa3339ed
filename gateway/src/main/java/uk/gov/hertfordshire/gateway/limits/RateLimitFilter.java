package uk.gov.hertfordshire.gateway.limits;

import io.github.bucket4j.ConsumptionProbe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import uk.gov.hertfordshire.gateway.errors.GatewayErrors;
import uk.gov.hertfordshire.gateway.security.CallerAuthentication;
import uk.gov.hertfordshire.gateway.security.RequestPrincipal;

/**
 * A token bucket per authenticated caller, per named client, or per address for anonymous calls, in
 * this gateway's memory or in a Redis shared by the replicas (ADR 5); and before it, for the paths
 * given a rate of their own ({@code platform.limits.paths}), a bucket per path group and address.
 * Over either limit: 429 with {@code Retry-After}; a request the path limit refuses takes nothing
 * from the caller's own bucket.
 */
final class RateLimitFilter implements GlobalFilter, Ordered {

    private final LimitsProperties limits;
    private final ClientAddress clientAddress;
    private final RateLimitBuckets buckets;
    private final Map<String, List<PathPattern>> pathPatterns = new LinkedHashMap<>();

    RateLimitFilter(LimitsProperties limits, RateLimitBuckets buckets) {
        this.limits = limits;
        this.clientAddress = new ClientAddress(limits.trustedProxies());
        this.buckets = buckets;
        limits.paths()
                .forEach(
                        (name, pathRate) ->
                                pathPatterns.put(
                                        name,
                                        pathRate.patterns().stream()
                                                .map(PathPatternParser.defaultInstance::parse)
                                                .toList()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String address = clientAddress.of(exchange.getRequest());
        Optional<String> group = pathGroup(exchange);
        if (group.isEmpty()) {
            return callerLimit(exchange, chain, address);
        }
        return buckets.consume(
                        "path:" + group.get() + ":address:" + address,
                        limits.paths().get(group.get()).rate())
                .flatMap(
                        probe ->
                                probe.isConsumed()
                                        ? callerLimit(exchange, chain, address)
                                        : tooMany(exchange, probe));
    }

    private Optional<String> pathGroup(ServerWebExchange exchange) {
        // Plain loops: this runs on every request, and streams over the few groups showed among
        // the rate limit's costs in a profile (docs/benchmarks/content.md, run H).
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (Map.Entry<String, List<PathPattern>> entry : pathPatterns.entrySet()) {
            for (PathPattern pattern : entry.getValue()) {
                if (pattern.matches(path)) {
                    return Optional.of(entry.getKey());
                }
            }
        }
        return Optional.empty();
    }

    private Mono<Void> callerLimit(
            ServerWebExchange exchange, GatewayFilterChain chain, String address) {
        LimitsProperties.Rate addressRate = limits.addresses().get(address);
        Mono<KeyAndRate> limit =
                addressRate != null
                        ? Mono.just(new KeyAndRate("address:" + address, addressRate))
                        : RequestPrincipal.current()
                                .map(this::keyAndRate)
                                .defaultIfEmpty(
                                        new KeyAndRate("address:" + address, limits.anonymous()));
        return limit.flatMap(keyed -> buckets.consume(keyed.key(), keyed.rate()))
                .flatMap(
                        probe -> {
                            if (!probe.isConsumed()) {
                                return tooMany(exchange, probe);
                            }
                            // Just before the headers go out, so that a response from the
                            // gateway's cache still tells this caller its own remaining count.
                            String remaining = String.valueOf(probe.getRemainingTokens());
                            exchange.getResponse()
                                    .beforeCommit(
                                            () -> {
                                                exchange.getResponse()
                                                        .getHeaders()
                                                        .set("X-RateLimit-Remaining", remaining);
                                                return Mono.empty();
                                            });
                            return chain.filter(exchange);
                        });
    }

    private static Mono<Void> tooMany(ServerWebExchange exchange, ConsumptionProbe probe) {
        long seconds =
                Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        exchange.getResponse().getHeaders().set("X-RateLimit-Remaining", "0");
        exchange.getResponse().getHeaders().set("Retry-After", String.valueOf(seconds));
        return GatewayErrors.write(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests",
                "Too many requests from this client. Retry after " + seconds + " seconds.");
    }

    private KeyAndRate keyAndRate(java.security.Principal principal) {
        if (principal instanceof CallerAuthentication authentication) {
            String clientId = authentication.caller().clientId();
            if (clientId != null && limits.clients().containsKey(clientId)) {
                return new KeyAndRate("client:" + clientId, limits.clients().get(clientId));
            }
            return new KeyAndRate("caller:" + authentication.caller().id(), limits.authenticated());
        }
        return new KeyAndRate("caller:" + principal.getName(), limits.authenticated());
    }

    /** After authentication (a web filter), before routing. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    private record KeyAndRate(String key, LimitsProperties.Rate rate) {}
}
