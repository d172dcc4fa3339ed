package uk.gov.hertfordshire.gateway.observability;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops the {@code X-Request-Id} a service echoes from the headers copied into the response: the
 * gateway has already set the same id, and one value is what the caller should get.
 */
@Component
class UpstreamRequestIdFilter implements HttpHeadersFilter {

    @Override
    public HttpHeaders filter(HttpHeaders upstream, ServerWebExchange exchange) {
        HttpHeaders kept = new HttpHeaders();
        upstream.forEach(
                (name, values) -> {
                    if (!CorrelationIdFilter.HEADER.equalsIgnoreCase(name)) {
                        kept.put(name, values);
                    }
                });
        return kept;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }
}
