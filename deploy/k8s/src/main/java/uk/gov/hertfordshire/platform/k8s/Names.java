package uk.gov.hertfordshire.platform.k8s;

import java.util.Locale;
import java.util.Map;
import uk.gov.hertfordshire.platform.topology.Component;

/** The names and labels the manifests share, so a reference in one file finds its target. */
final class Names {

    static final String PART_OF = "hertfordshire-platform";
    static final String KAFKA_CLUSTER = "platform-kafka";
    static final String KAFKA_NODE_POOL = "brokers";

    /** Strimzi's internal TLS listener with SCRAM-SHA-512 authentication. */
    static final int KAFKA_PORT = 9093;

    static final String KAFKA_BOOTSTRAP = KAFKA_CLUSTER + "-kafka-bootstrap:" + KAFKA_PORT;

    /** The Secret Strimzi's cluster operator writes with the cluster CA's certificate. */
    static final String KAFKA_CA_SECRET = KAFKA_CLUSTER + "-cluster-ca-cert";

    static final String POSTGRES_CLUSTER = "platform-postgres";

    /** CloudNativePG's Service for the primary (read-write). */
    static final String POSTGRES_RW = POSTGRES_CLUSTER + "-rw";

    static final String BACKUP_SECRET = "postgres-backup-s3";
    static final String CONFIG_MAP = "platform-config";

    /**
     * The settings only an environment has (token issuers, SAP's and GOV.UK Pay's addresses): one
     * ConfigMap of this name in each overlay, read after {@link #CONFIG_MAP}.
     */
    static final String ENVIRONMENT_CONFIG_MAP = "platform-environment";

    /** Where the Deployments mount the two ConfigMaps; Spring reads them in this order. */
    static final String CONFIG_MOUNT = "/etc/platform";

    static final String ENVIRONMENT_MOUNT = "/etc/platform-environment";

    /** SAP's communication user for sap-adapter ({@code user}, {@code password}). */
    static final String SAP_SECRET = "sap-connection";

    /** The council's GOV.UK Pay API key for case-service ({@code api-key}). */
    static final String GOVUK_PAY_SECRET = "govuk-pay";

    /**
     * The user and group the containers run as: the images' {@code USER} (deploy/images/Dockerfile)
     * and the pods' {@code runAsUser}, which ManifestsTest holds equal.
     */
    static final long RUN_AS = 1000L;

    /** The namespace Prometheus (the Prometheus Operator's) runs in. */
    static final String MONITORING_NAMESPACE = "monitoring";

    static final String IMAGE_REGISTRY = "registry.hertfordshire.gov.uk/platform/";
    static final String VERSION = "0.1.0-SNAPSHOT";

    private Names() {}

    static Map<String, String> labels(String component) {
        return Map.of("app.kubernetes.io/name", component, "app.kubernetes.io/part-of", PART_OF);
    }

    static Map<String, String> selector(String component) {
        return Map.of("app.kubernetes.io/name", component);
    }

    static String image(Component component) {
        return IMAGE_REGISTRY + component.name() + ":" + VERSION;
    }

    /** The Secret holding a service's database role ({@code username}, {@code password}). */
    static String databaseSecret(Component component) {
        return component.name() + "-db";
    }

    /** The Secret holding a service's narrower runtime role, where it has one (ADR 12). */
    static String runtimeRoleSecret(Component component) {
        return component.name() + "-db-runtime";
    }

    /**
     * A Kubernetes object name for a Kafka topic: the topic in lower case (a dead-letter topic ends
     * in upper-case {@code DLT}, which object names do not allow).
     */
    static String topicResource(String topic) {
        return topic.toLowerCase(Locale.ROOT);
    }
}
