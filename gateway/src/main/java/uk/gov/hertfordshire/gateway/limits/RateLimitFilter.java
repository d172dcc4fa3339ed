package uk.gov.hertfordshire.gateway.limits;

import java.util.concurrent.TimeUnit;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.gov.hertfordshire.gateway.errors.GatewayErrors;
import uk.gov.hertfordshire.gateway.security.CallerAuthentication;

/**
 * A token bucket per authenticated caller, per named client, or per address for anonymous calls, in
 * this gateway's memory or in a Redis shared by the replicas (ADR 5). Over the limit: 429 with
 * {@code Retry-After}.
 */
final class RateLimitFilter implements GlobalFilter, Ordered {

    private final LimitsProperties limits;
    private final ClientAddress clientAddress;
    private final RateLimitBuckets buckets;

    RateLimitFilter(LimitsProperties limits, RateLimitBuckets buckets) {
        this.limits = limits;
        this.clientAddress = new ClientAddress(limits.trustedProxies());
        this.buckets = buckets;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String address = clientAddress.of(exchange.getRequest());
        LimitsProperties.Rate addressRate = limits.addresses().get(address);
        Mono<KeyAndRate> limit =
                addressRate != null
                        ? Mono.just(new KeyAndRate("address:" + address, addressRate))
                        : exchange.getPrincipal()
                                .map(this::keyAndRate)
                                .defaultIfEmpty(
                                        new KeyAndRate("address:" + address, limits.anonymous()));
        return limit.flatMap(keyed -> buckets.consume(keyed.key(), keyed.rate()))
                .flatMap(
                        probe -> {
                            exchange.getResponse()
                                    .getHeaders()
                                    .set(
                                            "X-RateLimit-Remaining",
                                            String.valueOf(probe.getRemainingTokens()));
                            if (probe.isConsumed()) {
                                return chain.filter(exchange);
                            }
                            long seconds =
                                    Math.max(
                                            1,
                                            TimeUnit.NANOSECONDS.toSeconds(
                                                            probe.getNanosToWaitForRefill())
                                                    + 1);
                            exchange.getResponse()
                                    .getHeaders()
                                    .set("Retry-After", String.valueOf(seconds));
                            return GatewayErrors.write(
                                    exchange,
                                    HttpStatus.TOO_MANY_REQUESTS,
                                    "Too many requests",
                                    "Too many requests from this client. Retry after "
                                            + seconds
                                            + " seconds.");
                        });
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
