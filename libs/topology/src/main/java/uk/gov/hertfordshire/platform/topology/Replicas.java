package uk.gov.hertfordshire.platform.topology;

/**
 * How many copies run in each mode.
 *
 * @param single {@code ./platform up}
 * @param cluster {@code ./platform up --cluster} and Kubernetes
 */
public record Replicas(int single, int cluster) {}
