package uk.gov.hertfordshire.gateway.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.gateway.security.CallerAuthentication;

/**
 * One JSON line per request on the {@code gateway.access} logger: route, method, path (never the
 * query string, which can carry personal data), status, latency, the OAuth client and the request
 * id, and the request's trace and span ids. Never a token, an API key or who the citizen is.
 */
@Component
class AccessLogFilter implements GlobalFilter, Ordered {

    private static final Logger access = LoggerFactory.getLogger("gateway.access");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long started = System.nanoTime();
        return exchange.getPrincipal()
                .map(AccessLogFilter::client)
                .defaultIfEmpty("anonymous")
                .flatMap(
                        client ->
                                chain.filter(exchange)
                                        .doFinally(signal -> log(exchange, client, started)));
    }

    private void log(ServerWebExchange exchange, String client, long started) {
        if (!access.isInfoEnabled()) {
            return;
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("route", route == null ? null : route.getId());
        line.put("method", exchange.getRequest().getMethod().name());
        line.put("path", exchange.getRequest().getPath().value());
        line.put("status", status == null ? null : status.value());
        line.put("latencyMs", (System.nanoTime() - started) / 1_000_000.0);
        line.put("client", client);
        line.put("requestId", exchange.getResponse().getHeaders().getFirst("X-Request-Id"));
        // The reactive pipeline carries no logging context of its own (Reactor's automatic context
        // propagation costs every operator on the hot path): the ids come from the request's
        // server observation.
        TraceContext trace = traceContext(exchange);
        line.put("traceId", trace == null ? null : trace.traceId());
        line.put("spanId", trace == null ? null : trace.spanId());
        access.info(JSON.writeValueAsString(line));
    }

    static TraceContext traceContext(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(
                        context ->
                                context.<TracingObservationHandler.TracingContext>get(
                                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(Span::context)
                .orElse(null);
    }

    private static String client(java.security.Principal principal) {
        if (principal instanceof CallerAuthentication authentication) {
            String clientId = authentication.caller().clientId();
            return clientId == null ? "unnamed-client" : clientId;
        }
        return "authenticated";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
