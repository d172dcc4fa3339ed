package uk.gov.hertfordshire.platform.topology;

/**
 * How many copies run in each mode.
 *
 * @param single {@code ./platform up}; 0 for a part only the cluster mode runs (its load balancer,
 *     the gateways' shared Redis)
 * @param cluster {@code ./platform up --cluster} and Kubernetes
 */
public record Replicas(int single, int cluster) {}
