package uk.gov.hertfordshire.platform.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/** The kustomizations: the base lists the generated files; each overlay adjusts an environment. */
final class Overlays {

    static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";

    private Overlays() {}

    static Map<String, Object> base(List<String> resources) {
        Map<String, Object> kustomization = kustomization();
        kustomization.put("resources", resources);
        return kustomization;
    }

    /** The file in each overlay with its {@link EnvironmentSettings}. */
    static final String ENVIRONMENT_FILE = "environment.yaml";

    /**
     * A development namespace on a small cluster: one copy of each service and one PostgreSQL
     * instance, and the dev environment's settings. Kafka keeps its three brokers: with fewer,
     * min.insync.replicas 2 refuses writes.
     */
    static Map<String, Object> dev(Topology topology) {
        Map<String, Object> kustomization = kustomization();
        kustomization.put("namespace", "hertfordshire-dev");
        kustomization.put("resources", List.of("../../base", ENVIRONMENT_FILE));
        List<Map<String, Object>> replicas = new ArrayList<>();
        for (Component service : topology.services()) {
            replicas.add(Map.of("name", service.name(), "count", 1));
        }
        kustomization.put("replicas", replicas);
        kustomization.put(
                "patches",
                List.of(
                        patch(Map.of("kind", "HorizontalPodAutoscaler"), "/spec/minReplicas", 1),
                        patch(
                                Map.of(
                                        "group", "postgresql.cnpg.io",
                                        "kind", "Cluster",
                                        "name", Names.POSTGRES_CLUSTER),
                                "/spec/instances",
                                1)));
        return kustomization;
    }

    /**
     * Production: its own namespace, its environment's settings, the gateway's production profile
     * (HSTS), and the replicas and instances of the base, which are the topology's cluster figures.
     */
    static Map<String, Object> production(Topology topology) {
        Map<String, Object> kustomization = kustomization();
        kustomization.put("namespace", "hertfordshire");
        kustomization.put("resources", List.of("../../base", ENVIRONMENT_FILE));
        kustomization.put(
                "labels",
                List.of(
                        Map.of(
                                "pairs",
                                Map.of("environment", "production"),
                                "includeSelectors",
                                false)));
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("name", "SPRING_PROFILES_ACTIVE");
        profile.put("value", "production");
        kustomization.put(
                "patches",
                List.of(
                        Map.of(
                                "target",
                                Map.of(
                                        "kind",
                                        "Deployment",
                                        "name",
                                        topology.component(NetworkPolicies.GATEWAY).name()),
                                "patch",
                                operation(
                                        "add",
                                        "/spec/template/spec/containers/0/env/-",
                                        profile))));
        return kustomization;
    }

    private static Map<String, Object> kustomization() {
        Map<String, Object> kustomization = new LinkedHashMap<>();
        kustomization.put("apiVersion", API_VERSION);
        kustomization.put("kind", "Kustomization");
        return kustomization;
    }

    private static Map<String, Object> patch(
            Map<String, Object> target, String path, Object value) {
        return Map.of("target", target, "patch", operation("replace", path, value));
    }

    /** One JSON 6902 operation, as the inline text kustomize expects. */
    private static String operation(String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        operation.put("value", value);
        return YamlFiles.plainDocument(List.of(operation));
    }
}
