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
 */
@Component
class CorrelationIdFilter implements GlobalFilter, Ordered {

    static final String HEADER = "X-Request-Id";
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
        exchange.getResponse().getHeaders().set(HEADER, correlationId);
        // Again just before the headers go out: a response from the gateway's cache (route
        // content-public-pages) replaces them with those of the request that filled it.
        exchange.getResponse()
                .beforeCommit(
                        () -> {
                            exchange.getResponse().getHeaders().set(HEADER, correlationId);
                            return Mono.empty();
                        });
        return chain.filter(
                exchange.mutate()
                        .request(request -> request.headers(h -> h.set(HEADER, correlationId)))
                        .build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
