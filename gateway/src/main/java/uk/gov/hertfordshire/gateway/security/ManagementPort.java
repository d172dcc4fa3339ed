package uk.gov.hertfordshire.gateway.security;

import java.net.InetSocketAddress;
import org.springframework.core.env.Environment;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * Tells requests that arrived on the management port ({@code management.server.port}, 9080 locally)
 * from those on the public one: a path alone cannot tell them apart, the port it came in on can.
 * The port is the one the management server actually bound ({@code local.management.port}), so a
 * random port in tests works the same.
 */
final class ManagementPort {

    private ManagementPort() {}

    /** Actuator requests on the management port. */
    static ServerWebExchangeMatcher actuator(Environment environment) {
        return onManagementPort(environment, true);
    }

    /**
     * Anything else on the management port: the gateway's routes are visible to every port's
     * handler, so the management port must refuse them here.
     */
    static ServerWebExchangeMatcher notActuator(Environment environment) {
        return onManagementPort(environment, false);
    }

    private static ServerWebExchangeMatcher onManagementPort(
            Environment environment, boolean actuator) {
        BoundPort management = new BoundPort(environment);
        return exchange -> {
            Integer port = management.get();
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            boolean matches =
                    port != null
                            && local != null
                            && local.getPort() == port
                            && exchange.getRequest().getPath().value().startsWith("/actuator/")
                                    == actuator;
            return matches
                    ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    /**
     * The management port once bound, looked up until then and remembered after: looking it up in
     * the environment on every request was one of the gateway's larger costs in a profile
     * (docs/benchmarks/gateway.md). A bound port does not change while the gateway runs.
     */
    private static final class BoundPort {

        private final Environment environment;
        private volatile Integer port;

        BoundPort(Environment environment) {
            this.environment = environment;
        }

        Integer get() {
            Integer known = port;
            if (known == null) {
                known = environment.getProperty("local.management.port", Integer.class);
                port = known;
            }
            return known;
        }
    }
}
