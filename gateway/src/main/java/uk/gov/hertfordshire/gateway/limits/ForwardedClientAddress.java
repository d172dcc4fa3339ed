package uk.gov.hertfordshire.gateway.limits;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the service behind the gateway who called: {@code X-Forwarded-For} on the proxied request
 * is the one address the gateway believes ({@link ClientAddress}: the peer, or what a configured
 * proxy in front of it says), whatever the caller wrote there. Spring Cloud Gateway strips the
 * caller's {@code X-Forwarded-*} headers and adds none unless told which proxies to trust, so
 * without this every request reached the services as the gateway's own, and content-service counted
 * every citizen's "this answered my question" as one address.
 */
final class ForwardedClientAddress implements HttpHeadersFilter, Ordered {

    static final String HEADER = "X-Forwarded-For";

    private final ClientAddress clientAddress;

    ForwardedClientAddress(LimitsProperties limits) {
        this.clientAddress = new ClientAddress(limits.trustedProxies());
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders output = new HttpHeaders();
        output.putAll(input);
        output.set(HEADER, clientAddress.of(exchange.getRequest()));
        return output;
    }

    /** After Spring Cloud Gateway's own forwarded-header filters, so nothing removes it. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
