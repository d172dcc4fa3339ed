package uk.gov.hertfordshire.gateway.observability;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Puts the request's {@code X-Request-Id} ({@link CorrelationIdFilter}) on the request the gateway
 * sends to the service, in place of any the caller sent: only requests that go to a service pay for
 * it, not those the gateway answers from memory.
 */
@Component
class RequestIdToService implements HttpHeadersFilter {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        String id = exchange.getAttribute(CorrelationIdFilter.ATTRIBUTE);
        if (id == null) {
            return input;
        }
        // The headers handed in may be the caller's request's own, which are read-only.
        HttpHeaders toService = new HttpHeaders();
        toService.putAll(input);
        toService.set(CorrelationIdFilter.HEADER, id);
        return toService;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }
}
