package uk.gov.hertfordshire.gateway.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * The gateway's request timer ({@code http.server.requests}, {@code http_server_requests_seconds}
 * in Prometheus) with a {@code route} tag: the id of the route that served the request, or {@code
 * none} for one refused before a route was chosen (authentication, an unrouted path).
 *
 * <p>This is the timer the service level objectives of the catalogue and Open311 are measured on
 * (ADR 45): it times every request from its arrival to its last byte, including those the gateway
 * answers itself, from its catalogue cache (ADR 42), from its public-page cache (ADR 37) or with a
 * 503 while a circuit is open. Spring Cloud Gateway's own route timer ({@code
 * spring.cloud.gateway.requests}) is a filter that runs after the caches, so it never sees a read
 * answered from memory. Without the tag every gateway request has {@code uri="UNKNOWN"}: a route
 * matches no handler pattern. The route ids are the few in application.yml.
 */
@Component
class RequestsByRoute extends DefaultServerRequestObservationConvention {

    static final String TAG = "route";

    /** A request answered before any route was chosen. */
    static final String NONE = "none";

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        return super.getLowCardinalityKeyValues(context).and(route(context));
    }

    private static KeyValue route(ServerRequestObservationContext context) {
        Object route = context.getAttributes().get(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return KeyValue.of(TAG, route instanceof Route chosen ? chosen.getId() : NONE);
    }
}
