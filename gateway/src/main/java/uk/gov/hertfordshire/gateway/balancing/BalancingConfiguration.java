package uk.gov.hertfordshire.gateway.balancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The instances every {@code lb://} route chooses from, and how: each service's LoadBalancer
 * context (one per service, made on its first request) takes its beans from {@link InstanceChoice}.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceChoice.class)
class BalancingConfiguration {

    @Bean
    ServiceInstances serviceInstances(Environment environment) {
        return ServiceInstances.from(environment);
    }

    @Bean
    ConnectRefusedRetry connectRefusedRetry(ServiceInstances instances) {
        return new ConnectRefusedRetry(instances);
    }
}
