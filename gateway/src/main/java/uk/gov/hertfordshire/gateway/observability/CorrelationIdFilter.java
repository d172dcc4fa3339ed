package uk.gov.hertfordshire.gateway.observability;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.gov.hertfordshire.gateway.errors.GatewayErrors;

/**
 * Gives every request an {@code X-Request-Id} (the caller's, if it is a plausible one, otherwise a
 * new one), passes it to the service and returns it on the response.
 *
 * <p>The id reaches the service through {@link RequestIdToService}, on the request the gateway
 * sends, not by changing the caller's request here: that change rebuilt the request through Spring
 * Security's firewall on every request, also on those the gateway answers from memory, and cost
 * 2.4% of its CPU on a kept page (docs/benchmarks/content.md, run H).
 */
@Component
class CorrelationIdFilter implements GlobalFilter, Ordered {

    static final String HEADER = "X-Request-Id";

    /** The exchange attribute holding the request's id. */
    static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        GatewayErrors.rememberOriginalPath(exchange);
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String correlationId =
                offered != null && ACCEPTABLE.matcher(offered).matches()
                        ? offered
                        : UUID.randomUUID().toString();
        // The service echoes the id too; UpstreamRequestIdFilter drops that copy, so the caller
        // sees exactly one.
        exchange.getAttributes().put(ATTRIBUTE, correlationId);
        exchange.getResponse().getHeaders().set(HEADER, correlationId);
        // Again just before the headers go out: a response from the gateway's cache (route
        // content-public-pages) replaces them with those of the request that filled it.
        exchange.getResponse()
                .beforeCommit(
                        () -> {
                            exchange.getResponse().getHeaders().set(HEADER, correlationId);
                            return Mono.empty();
                        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
