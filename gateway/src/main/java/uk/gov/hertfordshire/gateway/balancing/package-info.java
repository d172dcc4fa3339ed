/**
 * Each route goes to {@code lb://<service>}: Spring Cloud LoadBalancer spreads it over the base
 * URIs listed in {@code platform.services.<service>} (comma-separated; one URI in the single-copy
 * platform and on Kubernetes, where the Service name is the one address). Where a service lists
 * more than one, each is asked for its readiness every {@code
 * spring.cloud.loadbalancer.health-check.interval} and left out while it is not ready; a request
 * whose connection an instance refused is sent to another one, whatever its method, because it
 * never reached the service (ADR 32).
 */
package uk.gov.hertfordshire.gateway.balancing;
