package uk.gov.hertfordshire.gateway.balancing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Mono;

/**
 * LoadBalancer's round robin, except that a request tried again (a read retried after a 5xx or an
 * I/O error, any request whose connection was refused) goes to another instance than the one it
 * just tried, whatever other requests moved the position in between. The instance it tried is the
 * gateway's own record of its last choice, in the exchange's attributes, which LoadBalancer passes
 * in with the request.
 */
final class RoundRobinElsewhere implements ReactorServiceInstanceLoadBalancer {

    private final String service;
    private final ServiceInstanceListSupplier instances;
    // Gateway replicas start at different places, as LoadBalancer's own round robin does.
    private final AtomicInteger position =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    RoundRobinElsewhere(String service, ServiceInstanceListSupplier instances) {
        this.service = service;
        this.instances = instances;
    }

    @Override
    public Mono<Response<ServiceInstance>> choose(Request request) {
        ServiceInstance tried = triedBefore(request);
        return instances.get(request).next().map(list -> choose(list, tried));
    }

    Response<ServiceInstance> choose(List<ServiceInstance> list, ServiceInstance tried) {
        if (list.isEmpty()) {
            return new EmptyResponse();
        }
        int next = position.getAndIncrement() & Integer.MAX_VALUE;
        ServiceInstance chosen = list.get(next % list.size());
        if (tried != null && list.size() > 1 && same(chosen, tried)) {
            chosen = list.get((next + 1) % list.size());
        }
        return new DefaultResponse(chosen);
    }

    private static ServiceInstance triedBefore(Request<?> request) {
        if (request.getContext() instanceof RequestDataContext context
                && context.getClientRequest() != null
                && context.getClientRequest().getAttributes() != null
                && context.getClientRequest()
                                .getAttributes()
                                .get(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR)
                        instanceof Response<?> previous
                && previous.getServer() instanceof ServiceInstance instance) {
            return instance;
        }
        return null;
    }

    private static boolean same(ServiceInstance a, ServiceInstance b) {
        return a.getPort() == b.getPort() && a.getHost().equals(b.getHost());
    }

    @Override
    public String toString() {
        return "RoundRobinElsewhere[" + service + "]";
    }
}
