package uk.gov.hertfordshire.gateway.observability;

import io.micrometer.tracing.TraceContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the request's trace and span ids, as {@code [traceId,spanId]} like every other component's
 * log lines, at the front of the lines Spring WebFlux, Spring Boot and Spring Cloud Gateway's
 * routing filters log about the request after this filter has run: they begin with the exchange's
 * log prefix ({@link ServerWebExchange#LOG_ID_ATTRIBUTE}, read afresh for each line), which is
 * Reactor Netty's connection id otherwise. WebFlux's first line ({@code HTTP GET "/path"}) is
 * written before the request's observation starts, when no trace id exists, and keeps the
 * connection id; lines that take no log prefix (Spring Security's, the route matching's) carry no
 * ids.
 *
 * <p>The reactive pipeline has no logging context of its own, and Reactor's automatic context
 * propagation, which would fill SLF4J's MDC, restores thread-locals on every hop of every request.
 * The log prefix costs one attribute per request. The access log carries the same ids as fields.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceIdsInLogPrefix implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        TraceContext trace = AccessLogFilter.traceContext(exchange);
        if (trace != null) {
            exchange.getAttributes()
                    .put(
                            ServerWebExchange.LOG_ID_ATTRIBUTE,
                            trace.traceId() + "," + trace.spanId());
        }
        return chain.filter(exchange);
    }
}
