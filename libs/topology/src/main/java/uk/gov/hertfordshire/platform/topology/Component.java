package uk.gov.hertfordshire.platform.topology;

import java.util.List;
import java.util.Optional;

/**
 * One component of the platform.
 *
 * @param name the component's name, as {@code ./platform} and Kubernetes call it
 * @param kind infrastructure, service, local (a stand-in only the local platform runs) or
 *     monitoring
 * @param port the port it serves on
 * @param managementPort the actuator's own port, or 0 where the actuator answers on {@code port}
 * @param controllerPort a KRaft controller's listener (Kafka), or 0
 * @param metricsPort a separate metrics port (Kafka's JMX exporter), or 0
 * @param health the health path a process manager or load balancer asks, or null
 * @param liveness the actuator health group Kubernetes' liveness probe asks, or null
 * @param readiness the actuator health group Kubernetes' readiness probe asks, or null
 * @param replicas copies per mode
 * @param dependsOn components it needs running
 * @param database the PostgreSQL database (and owning role) it owns, or null
 * @param runtimeRole a narrower login role the service runs as while its database's owner only
 *     migrates (ADR 12), or null where it runs as the owner
 * @param publishes topics its outbox publishes
 * @param subscriptions consumer groups and topics it reads
 * @param follows topics every replica reads from the end without a consumer group or committed
 *     offsets, to hear of changes (the gateway's catalogue cache, ADR 42)
 */
public record Component(
        String name,
        Kind kind,
        int port,
        int managementPort,
        int controllerPort,
        int metricsPort,
        String health,
        String liveness,
        String readiness,
        Replicas replicas,
        List<String> dependsOn,
        String database,
        String runtimeRole,
        List<String> publishes,
        List<Subscription> subscriptions,
        List<String> follows) {

    /** What a component is, which decides where it runs. */
    public enum Kind {
        INFRASTRUCTURE,
        SERVICE,
        LOCAL,
        MONITORING
    }

    /** Whether it talks to Kafka at all: publishes, subscribes or follows. */
    public boolean usesKafka() {
        return !publishes.isEmpty() || !subscriptions.isEmpty() || !follows.isEmpty();
    }

    /** The port the actuator (health, metrics) answers on. */
    public int actuatorPort() {
        return managementPort == 0 ? port : managementPort;
    }

    /** The database it owns, if any. */
    public Optional<String> ownedDatabase() {
        return Optional.ofNullable(database);
    }

    /** Whether it is one of the platform's own services, deployed in every environment. */
    public boolean isService() {
        return kind == Kind.SERVICE;
    }
}
