package uk.gov.hertfordshire.gateway.observability;

import java.util.List;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Traces start at the gateway (ADR 21): a caller's W3C trace context is dropped before the server's
 * observation reads it, so each request gets a trace of its own and the gateway's sampling
 * decision. A caller on the internet could otherwise choose trace ids (to collide with others') or
 * mark every request sampled, and make the platform record and export as many spans as it liked.
 */
@Component
class TraceContextAtTheEdge implements WebHttpHandlerBuilderCustomizer {

    static final List<String> CALLER_CONTEXT = List.of("traceparent", "tracestate", "baggage");

    @Override
    public void customize(WebHttpHandlerBuilder builder) {
        builder.httpHandlerDecorator(
                handler ->
                        (request, response) ->
                                handler.handle(withoutCallerContext(request), response));
    }

    static ServerHttpRequest withoutCallerContext(ServerHttpRequest request) {
        if (CALLER_CONTEXT.stream().noneMatch(request.getHeaders()::containsHeader)) {
            return request;
        }
        return request.mutate().headers(headers -> CALLER_CONTEXT.forEach(headers::remove)).build();
    }
}
