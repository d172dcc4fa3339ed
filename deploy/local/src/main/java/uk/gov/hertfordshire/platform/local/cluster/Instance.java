package uk.gov.hertfordshire.platform.local.cluster;

import uk.gov.hertfordshire.platform.topology.Component;

/**
 * One process of the cluster: replica {@code replica} (1-based) of a component, named {@code
 * <component>-<replica>} ({@code case-service-2}, {@code kafka-1}), with the ports the topology's
 * cluster rule gives it ({@code Topology.clusterPort}).
 *
 * @param name {@code <component>-<replica>}
 * @param component the declared component
 * @param replica 1-based
 * @param port where it serves
 * @param managementPort its actuator's own port, or 0
 * @param controllerPort its KRaft controller listener (Kafka), or 0
 * @param metricsPort its JMX exporter (Kafka), or 0
 */
public record Instance(
        String name,
        Component component,
        int replica,
        int port,
        int managementPort,
        int controllerPort,
        int metricsPort) {

    /** The declared component's name. */
    public String componentName() {
        return component.name();
    }

    /** Where its health answers: the management port where it has one. */
    public int actuatorPort() {
        return managementPort == 0 ? port : managementPort;
    }

    /** Its base URL, for HTTP components. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
