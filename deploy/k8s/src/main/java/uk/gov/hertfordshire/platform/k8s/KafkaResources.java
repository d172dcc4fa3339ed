package uk.gov.hertfordshire.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.KafkaSettings;
import uk.gov.hertfordshire.platform.topology.Subscription;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * Strimzi's custom resources (the {@code kafka.strimzi.io/v1} API of Strimzi 1.0): the KRaft
 * cluster and its node pool, a KafkaTopic for every domain and dead-letter topic, and a KafkaUser
 * per service whose ACLs allow only the topics and groups the topology says it uses.
 */
final class KafkaResources {

    static final String API_VERSION = "kafka.strimzi.io/v1";

    /** The Apache Kafka version the services' clients are built with (kafka-clients 4.1.2). */
    static final String KAFKA_VERSION = "4.1.2";

    private KafkaResources() {}

    static List<GenericKubernetesResource> cluster(Topology topology) {
        KafkaSettings kafka = topology.kafka();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("auto.create.topics.enable", false);
        config.put("default.replication.factor", kafka.replicationFactor().cluster());
        config.put("min.insync.replicas", kafka.minInSyncReplicas().cluster());
        config.put("offsets.topic.replication.factor", kafka.replicationFactor().cluster());
        config.put("transaction.state.log.replication.factor", kafka.replicationFactor().cluster());
        config.put("transaction.state.log.min.isr", kafka.minInSyncReplicas().cluster());
        config.put("unclean.leader.election.enable", kafka.uncleanLeaderElection());
        Map<String, Object> listener = new LinkedHashMap<>();
        listener.put("name", "tls");
        listener.put("port", Names.KAFKA_PORT);
        listener.put("type", "internal");
        listener.put("tls", true);
        listener.put("authentication", Map.of("type", "scram-sha-512"));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("type", "jmxPrometheusExporter");
        metrics.put(
                "valueFrom",
                Map.of("configMapKeyRef", Map.of("name", "kafka-metrics", "key", "kafka-jmx.yml")));
        Map<String, Object> kafkaSpec = new LinkedHashMap<>();
        kafkaSpec.put("version", KAFKA_VERSION);
        kafkaSpec.put("listeners", List.of(listener));
        kafkaSpec.put("authorization", Map.of("type", "simple"));
        kafkaSpec.put("config", config);
        kafkaSpec.put("metricsConfig", metrics);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kafka", kafkaSpec);
        spec.put("entityOperator", Map.of("topicOperator", Map.of(), "userOperator", Map.of()));

        Map<String, Object> volume = new LinkedHashMap<>();
        volume.put("id", 0);
        volume.put("type", "persistent-claim");
        volume.put("size", "20Gi");
        volume.put("deleteClaim", false);
        volume.put("kraftMetadata", "shared");
        Map<String, Object> pool = new LinkedHashMap<>();
        pool.put("replicas", kafka.brokers().cluster());
        pool.put("roles", List.of("controller", "broker"));
        pool.put("storage", Map.of("type", "jbod", "volumes", List.of(volume)));
        pool.put(
                "resources",
                Map.of(
                        "requests", Map.of("cpu", "500m", "memory", "1Gi"),
                        "limits", Map.of("memory", "2Gi")));
        pool.put("jvmOptions", Map.of("-Xms", "512m", "-Xmx", "1g"));

        // The brokers' JMX exporter (metricsConfig above, the local platform's rules), scraped as
        // the local Prometheus scrapes the broker's agent.
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", "tcp-prometheus");
        endpoint.put("path", "/metrics");
        endpoint.put("interval", "15s");
        Map<String, Object> podMonitor = new LinkedHashMap<>();
        podMonitor.put(
                "selector",
                Map.of(
                        "matchLabels",
                        Map.of(
                                "strimzi.io/cluster",
                                Names.KAFKA_CLUSTER,
                                "strimzi.io/kind",
                                "Kafka")));
        podMonitor.put("podMetricsEndpoints", List.of(endpoint));
        return List.of(
                resource("Kafka", Names.KAFKA_CLUSTER, Map.of(), spec),
                resource("KafkaNodePool", Names.KAFKA_NODE_POOL, clusterLabel(), pool),
                resource(
                        "monitoring.coreos.com/v1",
                        "PodMonitor",
                        Names.KAFKA_CLUSTER,
                        Map.of(),
                        podMonitor));
    }

    static List<GenericKubernetesResource> topics(Topology topology) {
        KafkaSettings kafka = topology.kafka();
        List<String> names = new ArrayList<>(Topics.ALL);
        names.addAll(topology.deadLetterTopics());
        List<GenericKubernetesResource> topics = new ArrayList<>();
        for (String topic : names) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("topicName", topic);
            spec.put("partitions", kafka.partitions());
            spec.put("replicas", kafka.replicationFactor().cluster());
            spec.put(
                    "config",
                    Map.of(
                            "retention.ms", kafka.retentionMs(),
                            "min.insync.replicas", kafka.minInSyncReplicas().cluster()));
            topics.add(resource("KafkaTopic", Names.topicResource(topic), clusterLabel(), spec));
        }
        return topics;
    }

    static List<GenericKubernetesResource> users(Topology topology) {
        List<GenericKubernetesResource> users = new ArrayList<>();
        for (Component service : topology.services()) {
            if (!service.usesKafka()) {
                continue;
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("authentication", Map.of("type", "scram-sha-512"));
            spec.put("authorization", Map.of("type", "simple", "acls", acls(service)));
            users.add(resource("KafkaUser", service.name(), clusterLabel(), spec));
        }
        return users;
    }

    /**
     * What the service does on Kafka and nothing more: its outbox writes its topics; each
     * subscription reads its topic in its group, writes its dead-letter topic, and reads it back in
     * the replay group ({@code <group>.dlt-replay}, DeadLetterReplay).
     */
    private static List<Map<String, Object>> acls(Component service) {
        List<Map<String, Object>> acls = new ArrayList<>();
        for (String topic : service.publishes()) {
            acls.add(acl("topic", topic, "Write", "Describe"));
        }
        for (Subscription s : service.subscriptions()) {
            acls.add(acl("topic", s.topic(), "Read", "Describe"));
            acls.add(acl("group", s.group(), "Read"));
            acls.add(acl("topic", s.deadLetterTopic(), "Read", "Write", "Describe"));
            acls.add(acl("group", s.group() + ".dlt-replay", "Read"));
        }
        // Followed without a group (ADR 42): the topic only, no group to read in.
        for (String topic : service.follows()) {
            acls.add(acl("topic", topic, "Read", "Describe"));
        }
        return acls.stream().distinct().toList();
    }

    private static Map<String, Object> acl(String type, String name, String... operations) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type);
        resource.put("name", name);
        resource.put("patternType", "literal");
        return Map.of("resource", resource, "operations", List.of(operations));
    }

    private static Map<String, String> clusterLabel() {
        return Map.of("strimzi.io/cluster", Names.KAFKA_CLUSTER);
    }

    static GenericKubernetesResource resource(
            String kind, String name, Map<String, String> labels, Map<String, Object> spec) {
        return resource(API_VERSION, kind, name, labels, spec);
    }

    static GenericKubernetesResource resource(
            String apiVersion,
            String kind,
            String name,
            Map<String, String> labels,
            Map<String, Object> spec) {
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.put("app.kubernetes.io/part-of", Names.PART_OF);
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata()
                .withName(name)
                .withLabels(allLabels)
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
