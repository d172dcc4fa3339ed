package uk.gov.hertfordshire.gateway.observability;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
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
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.gateway.security.CallerAuthentication;
import uk.gov.hertfordshire.gateway.security.RequestPrincipal;

/**
 * One JSON line per request on the {@code gateway.access} logger: route, method, path (never the
 * query string, which can carry personal data), status, latency, the OAuth client and the request
 * id, and the request's trace and span ids. Never a token, an API key or who the citizen is.
 */
@Component
class AccessLogFilter implements GlobalFilter, Ordered {

    private static final Logger access = LoggerFactory.getLogger("gateway.access");
    // One writer for the line's type, made once: a profile put serialising a map per request
    // among the gateway's costs (docs/benchmarks/gateway.md).
    private static final ObjectWriter JSON = JsonMapper.builder().build().writerFor(Line.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long started = System.nanoTime();
        return RequestPrincipal.current()
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
        // The reactive pipeline carries no logging context of its own (Reactor's automatic context
        // propagation costs every operator on the hot path): the ids come from the request's
        // server observation.
        TraceContext trace = traceContext(exchange);
        Line line =
                new Line(
                        route == null ? null : route.getId(),
                        exchange.getRequest().getMethod().name(),
                        exchange.getRequest().getPath().value(),
                        status == null ? null : status.value(),
                        (System.nanoTime() - started) / 1_000_000.0,
                        client,
                        exchange.getResponse().getHeaders().getFirst("X-Request-Id"),
                        trace == null ? null : trace.traceId(),
                        trace == null ? null : trace.spanId());
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

    /** One access-log line, its fields in this order. */
    @JsonPropertyOrder({
        "route",
        "method",
        "path",
        "status",
        "latencyMs",
        "client",
        "requestId",
        "traceId",
        "spanId"
    })
    record Line(
            String route,
            String method,
            String path,
            Integer status,
            double latencyMs,
            String client,
            String requestId,
            String traceId,
            String spanId) {}
}
