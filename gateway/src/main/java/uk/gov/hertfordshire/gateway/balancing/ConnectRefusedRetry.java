package uk.gov.hertfordshire.gateway.balancing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.ConnectException;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A request whose connection an instance refused (or did not accept in the connect timeout) is sent
 * to another instance of the same service, whatever its method: no byte of it reached the service,
 * so even a write cannot be applied twice. Only connecting counts. A connection that breaks after
 * the request was sent ends as an I/O error of another kind, and a write then is never sent again
 * (the routes' Retry filter tries reads again, writes never).
 *
 * <p>It sits between the route's URL being set ({@code lb://service/...}) and LoadBalancer's
 * choice, inside the route's Retry and CircuitBreaker filters: a refused connection that another
 * instance then serves is neither a retry of the route's nor a failure of the service's breaker.
 * Only for services with more than one instance; with one, a refused connection fails as it always
 * did.
 */
final class ConnectRefusedRetry implements GlobalFilter, Ordered {

    /** After {@link RouteToRequestUrlFilter}, before {@link ReactiveLoadBalancerClientFilter}. */
    static final int ORDER =
            ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER - 50;

    private final ServiceInstances instances;

    ConnectRefusedRetry(ServiceInstances instances) {
        this.instances = instances;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        if (url == null || !"lb".equals(url.getScheme()) || !instances.replicated(url.getHost())) {
            return chain.filter(exchange);
        }
        // Each other instance once at most.
        return attempt(exchange, chain, url, instances.of(url.getHost()).size() - 1);
    }

    private static Mono<Void> attempt(
            ServerWebExchange exchange, GatewayFilterChain chain, URI url, int left) {
        return chain.filter(exchange)
                .onErrorResume(
                        error -> left > 0 && neverConnected(error),
                        error -> {
                            // As the Retry filter does, and the lb:// URL back for another choice
                            // (LoadBalancer replaced it with the instance's).
                            ServerWebExchangeUtils.reset(exchange);
                            exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, url);
                            return attempt(exchange, chain, url, left - 1);
                        });
    }

    /**
     * A refused or timed-out connect: Java's {@link ConnectException}, which Netty's connect
     * failures extend ({@code AnnotatedConnectException}, {@code ConnectTimeoutException}).
     */
    static boolean neverConnected(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
