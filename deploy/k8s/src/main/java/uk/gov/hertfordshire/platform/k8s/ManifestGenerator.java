package uk.gov.hertfordshire.platform.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * Writes {@code deploy/k8s/base} and {@code deploy/k8s/overlays/*} from the declared topology. Run
 * it with {@code -Dk8s.regenerate=true} on this module's test (deploy/k8s/README.md), or as a
 * program from the repository's root.
 */
public final class ManifestGenerator {

    static final String BASE = "deploy/k8s/base/";
    static final String OVERLAYS = "deploy/k8s/overlays/";
    static final String KAFKA_JMX = "deploy/monitoring/kafka-jmx.yml";

    private ManifestGenerator() {}

    /** Writes every generated file under the repository's root. */
    public static void main(String[] args) throws IOException {
        Path root = Topology.repositoryRoot();
        for (Map.Entry<String, String> file : generate(Topology.load(), root).entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
    }

    /** Every generated file, by its path relative to the repository's root. */
    public static SortedMap<String, String> generate(Topology topology, Path root) {
        SortedMap<String, String> files = new TreeMap<>();
        List<String> resources = new ArrayList<>();
        add(files, resources, "config.yaml", YamlFiles.documents(config(topology, root)));
        add(files, resources, "kafka.yaml", YamlFiles.documents(KafkaResources.cluster(topology)));
        add(
                files,
                resources,
                "kafka-topics.yaml",
                YamlFiles.documents(KafkaResources.topics(topology)));
        add(
                files,
                resources,
                "kafka-users.yaml",
                YamlFiles.documents(KafkaResources.users(topology)));
        add(files, resources, "postgres.yaml", YamlFiles.documents(PostgresResources.of(topology)));
        add(
                files,
                resources,
                "network-policies.yaml",
                YamlFiles.documents(NetworkPolicies.of(topology)));
        for (Component service : topology.services()) {
            add(
                    files,
                    resources,
                    "services/" + service.name() + ".yaml",
                    YamlFiles.documents(ServiceWorkloads.of(service)));
        }
        files.put(BASE + "kustomization.yaml", YamlFiles.document(Overlays.base(resources)));
        for (EnvironmentSettings environment :
                List.of(EnvironmentSettings.DEV, EnvironmentSettings.PRODUCTION)) {
            files.put(
                    OVERLAYS + environment.overlay() + "/" + Overlays.ENVIRONMENT_FILE,
                    YamlFiles.documents(List.of(environment.configMap())));
        }
        files.put(OVERLAYS + "dev/kustomization.yaml", YamlFiles.document(Overlays.dev(topology)));
        files.put(
                OVERLAYS + "production/kustomization.yaml",
                YamlFiles.document(Overlays.production(topology)));
        return files;
    }

    private static void add(
            Map<String, String> files, List<String> resources, String name, String content) {
        files.put(BASE + name, content);
        resources.add(name);
    }

    /**
     * The settings every service reads on Kubernetes (mounted at /etc/platform), and the JMX
     * exporter rules Kafka's metrics share with the local platform.
     */
    private static List<ConfigMap> config(Topology topology, Path root) {
        Map<String, Object> services = new LinkedHashMap<>();
        for (Component service : topology.services()) {
            if (!service.name().equals(NetworkPolicies.GATEWAY)) {
                services.put(service.name(), "http://" + service.name() + ":" + service.port());
            }
        }
        Map<String, Object> topics = new LinkedHashMap<>();
        // Strimzi's topic operator owns the topics (kafka-topics.yaml): no service creates one.
        topics.put("declare", false);
        topics.put("partitions", topology.kafka().partitions());
        topics.put("replication-factor", topology.kafka().replicationFactor().cluster());
        topics.put("min-in-sync-replicas", topology.kafka().minInSyncReplicas().cluster());
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put("bootstrap-servers", Names.KAFKA_BOOTSTRAP);
        kafka.put("security", Map.of("protocol", "SASL_SSL"));
        kafka.put(
                "ssl",
                Map.of(
                        "trust-store-type", "PEM",
                        "trust-store-location", "file:/etc/kafka-ca/ca.crt"));
        kafka.put("properties", Map.of("sasl.mechanism", "SCRAM-SHA-512"));
        kafka.put("producer", Map.of("acks", "all"));
        Map<String, Object> settings = new LinkedHashMap<>();
        // The gateway's actuator binds loopback on one machine; the kubelet and Prometheus reach
        // it over the pod's address (the network policies keep everyone else out).
        settings.put("management", Map.of("server", Map.of("address", "0.0.0.0")));
        settings.put("platform", Map.of("services", services, "support", Map.of("topics", topics)));
        settings.put("spring", Map.of("kafka", kafka));

        String jmx;
        try {
            jmx = Files.readString(root.resolve(KAFKA_JMX));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(
                configMap(Names.CONFIG_MAP, "application.yml", YamlFiles.plainDocument(settings)),
                configMap("kafka-metrics", "kafka-jmx.yml", jmx));
    }

    private static ConfigMap configMap(String name, String key, String content) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("app.kubernetes.io/part-of", Names.PART_OF))
                .endMetadata()
                .withData(Map.of(key, content))
                .build();
    }
}
