package uk.gov.hertfordshire.gateway.balancing;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/** The instances {@code platform.services.<service>} lists, as they were at start-up. */
final class ListedInstances implements ServiceInstanceListSupplier {

    private final String service;
    private final Flux<List<ServiceInstance>> instances;

    ListedInstances(String service, List<ServiceInstance> instances) {
        this.service = service;
        // One Flux for every request: nothing is made per call.
        this.instances = Flux.just(List.copyOf(instances));
    }

    @Override
    public String getServiceId() {
        return service;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return instances;
    }
}
