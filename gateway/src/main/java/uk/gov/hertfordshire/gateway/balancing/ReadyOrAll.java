package uk.gov.hertfordshire.gateway.balancing;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * The instances whose last readiness check passed; every listed instance while none passes. When
 * the checks themselves are wrong (all timing out on an overloaded machine, a readiness path that
 * moved), requests still go out and the retries and circuit breaker deal with what answers, as with
 * one instance, rather than the gateway refusing a service that may be serving; when every instance
 * is really down, connecting fails at once and the caller gets the same 503.
 *
 * <p>The checks run on their own schedule (the delegate is subscribed once, when this bean is
 * initialised, and replays its latest list), so a request only reads the latest list.
 */
final class ReadyOrAll extends DelegatingServiceInstanceListSupplier {

    private final Flux<List<ServiceInstance>> instances;

    ReadyOrAll(ServiceInstanceListSupplier checked, List<ServiceInstance> listed) {
        super(checked);
        List<ServiceInstance> all = List.copyOf(listed);
        this.instances = checked.get().map(ready -> ready.isEmpty() ? all : ready);
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return instances;
    }
}
