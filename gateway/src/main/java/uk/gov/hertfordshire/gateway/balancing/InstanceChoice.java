package uk.gov.hertfordshire.gateway.balancing;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The beans of one service's LoadBalancer context (not a {@code @Configuration}: Spring Cloud
 * LoadBalancer adds it to each service's own child context, never to the gateway's): the listed
 * instances, checked for readiness where there is more than one, and a round robin over them.
 */
class InstanceChoice {

    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(
            Environment environment,
            ServiceInstances instances,
            ConfigurableApplicationContext context) {
        String service = LoadBalancerClientFactory.getName(environment);
        List<ServiceInstance> listed = instances.of(service);
        ServiceInstanceListSupplier fixed = new ListedInstances(service, listed);
        if (listed.size() < 2) {
            // One address (the single-copy platform, a Kubernetes Service): nothing to choose
            // between, so nothing to check; a request finds out as it did before balancing.
            return fixed;
        }
        // LoadBalancer's own readiness checks (spring.cloud.loadbalancer.health-check.*), on a
        // client of their own without observations: no metrics or spans per check.
        ServiceInstanceListSupplier checked =
                ServiceInstanceListSupplier.builder()
                        .withBase(fixed)
                        .withHealthChecks(WebClient.create())
                        .build(context);
        return new ReadyOrAll(checked, listed);
    }

    @Bean
    ReactorServiceInstanceLoadBalancer reactorServiceInstanceLoadBalancer(
            Environment environment, ServiceInstanceListSupplier instances) {
        return new RoundRobinElsewhere(LoadBalancerClientFactory.getName(environment), instances);
    }
}
