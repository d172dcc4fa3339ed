package uk.gov.hertfordshire.platform.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.k8s.Kustomize.Document;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Subscription;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * What typos and drift would break in the manifests, each problem one line. Expected values come
 * from the services' own modules (application.yml), from event-contracts' {@link Topics} and from
 * the topology's subscriptions (which each service's test holds to its EventSubscription beans),
 * never from the generator.
 */
final class ManifestChecks {

    static final List<String> FOLDERS =
            List.of("deploy/k8s/base", "deploy/k8s/overlays/dev", "deploy/k8s/overlays/production");

    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(PASSWORD|SECRET|TOKEN|JAAS|PRIVATE|CREDENTIAL).*");

    private ManifestChecks() {}

    static List<String> problems(Map<String, String> files, Topology topology, Path root) {
        List<String> problems = new ArrayList<>();
        Kustomize kustomize = new Kustomize(files);
        List<Document> base = List.of();
        for (String folder : FOLDERS) {
            List<Document> built = kustomize.build(folder, problems);
            if (folder.endsWith("base")) {
                base = built;
            } else {
                for (Component service : topology.services()) {
                    checkSettings(
                            folder.substring(folder.lastIndexOf('/') + 1),
                            service.name(),
                            RequiredSettings.of(root, service.name()),
                            built,
                            problems);
                }
            }
        }
        for (Component service : topology.services()) {
            checkService(service, ServiceSettings.read(root, service.name()), base, problems);
        }
        NetworkPolicyChecks.checkIngress(topology, base, problems);
        NetworkPolicyChecks.checkSapAdapterEgress(base, problems);
        checkTopics(topology, base, problems);
        checkUsers(topology, base, problems);
        checkKafka(base, problems);
        checkImagesAndSecrets(base, problems);
        return problems;
    }

    static Optional<Map<String, Object>> find(List<Document> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.kind()) && name.equals(d.name()))
                .map(Document::body)
                .findFirst();
    }

    private static void checkService(
            Component service, ServiceSettings real, List<Document> docs, List<String> problems) {
        String name = service.name();
        for (String kind :
                List.of(
                        "Service",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "ServiceMonitor")) {
            if (find(docs, kind, name).isEmpty()) {
                problems.add(name + ": no " + kind);
            }
        }
        Optional<Map<String, Object>> deployment = find(docs, "Deployment", name);
        if (deployment.isEmpty()) {
            problems.add(name + ": no Deployment");
            return;
        }
        Map<String, Object> pod = Json.map(Json.at(deployment.get(), "/spec/template/spec"));
        Map<String, Object> container = Json.map(Json.at(pod, "/containers/0"));
        Map<String, Integer> ports = new java.util.HashMap<>();
        Json.list(container.get("ports"))
                .forEach(
                        p ->
                                ports.put(
                                        (String) Json.map(p).get("name"),
                                        (Integer) Json.map(p).get("containerPort")));
        if (!Integer.valueOf(real.port()).equals(ports.get("http"))) {
            problems.add(
                    name
                            + ": container port http "
                            + ports.get("http")
                            + ", application.yml says "
                            + real.port());
        }
        if (real.managementPort() != 0
                && !Integer.valueOf(real.managementPort()).equals(ports.get("management"))) {
            problems.add(
                    name
                            + ": container port management "
                            + ports.get("management")
                            + ", application.yml says "
                            + real.managementPort());
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String group = probe.equals("readinessProbe") ? "readiness" : "liveness";
            String expected = real.actuatorBasePath() + "/health/" + group;
            Object path = Json.at(container, "/" + probe + "/httpGet/path");
            Object port = Json.at(container, "/" + probe + "/httpGet/port");
            if (!real.probeGroups()) {
                problems.add(
                        name
                                + ": "
                                + probe
                                + " asks "
                                + path
                                + ", but the service has no probe health groups");
            } else if (!expected.equals(path)) {
                problems.add(
                        name + ": " + probe + " asks " + path + ", the service serves " + expected);
            }
            if (!Integer.valueOf(real.actuatorPort()).equals(ports.get(String.valueOf(port)))) {
                problems.add(
                        name
                                + ": "
                                + probe
                                + " on port "
                                + port
                                + ", the actuator answers on "
                                + real.actuatorPort());
            }
        }
        Object monitorPort =
                Json.at(
                        find(docs, "ServiceMonitor", name).orElse(Map.of()),
                        "/spec/endpoints/0/port");
        Object monitorPath =
                Json.at(
                        find(docs, "ServiceMonitor", name).orElse(Map.of()),
                        "/spec/endpoints/0/path");
        if (!Integer.valueOf(real.actuatorPort()).equals(ports.get(String.valueOf(monitorPort)))
                || !(real.actuatorBasePath() + "/prometheus").equals(monitorPath)) {
            problems.add(
                    name
                            + ": ServiceMonitor scrapes "
                            + monitorPort
                            + monitorPath
                            + ", not the actuator's prometheus endpoint");
        }
        checkDatabaseRoles(name, real, container, docs, problems);
        Map<String, Object> hardening =
                Map.of(
                        "/securityContext/runAsNonRoot", pod,
                        "/securityContext/seccompProfile/type", pod,
                        "/securityContext/readOnlyRootFilesystem", container,
                        "/securityContext/allowPrivilegeEscalation", container,
                        "/securityContext/capabilities/drop/0", container,
                        "/resources/limits/memory", container);
        Map<String, Object> expected =
                Map.of(
                        "/securityContext/runAsNonRoot", true,
                        "/securityContext/seccompProfile/type", "RuntimeDefault",
                        "/securityContext/readOnlyRootFilesystem", true,
                        "/securityContext/allowPrivilegeEscalation", false,
                        "/securityContext/capabilities/drop/0", "ALL");
        hardening.forEach(
                (pointer, in) -> {
                    Object value = Json.at(in, pointer);
                    if (value == null
                            || (expected.containsKey(pointer)
                                    && !expected.get(pointer).equals(value))) {
                        problems.add(name + ": " + pointer + " is " + value);
                    }
                });
    }

    /**
     * Every setting the service cannot run with its local default (see {@link RequiredSettings}) is
     * set in the overlay: by an environment variable on its container, or in a ConfigMap the
     * container mounts where {@code SPRING_CONFIG_ADDITIONAL_LOCATION} has Spring read it; each
     * secret by an environment variable from a Secret. A ConfigMap the container reads must be in
     * the overlay, and carries no secret.
     */
    private static void checkSettings(
            String overlay,
            String name,
            Map<String, String> required,
            List<Document> docs,
            List<String> problems) {
        Map<String, Object> pod =
                Json.map(
                        Json.at(
                                find(docs, "Deployment", name).orElse(Map.of()),
                                "/spec/template/spec"));
        Map<String, Object> container = Json.map(Json.at(pod, "/containers/0"));
        Set<String> plain = new TreeSet<>();
        Set<String> fromSecrets = new TreeSet<>();
        String locations = "";
        for (Object e : Json.list(container.get("env"))) {
            String variable = String.valueOf(Json.map(e).get("name"));
            String setting = variable.replaceFirst("_\\d+(_.*)?$", "");
            if (Json.at(e, "/valueFrom/secretKeyRef/name") != null) {
                fromSecrets.add(setting);
            } else {
                plain.add(setting);
            }
            if (variable.equals("SPRING_CONFIG_ADDITIONAL_LOCATION")) {
                locations = String.valueOf(Json.map(e).get("value"));
            }
        }
        Map<String, String> volumes = new java.util.HashMap<>();
        Json.list(pod.get("volumes"))
                .forEach(
                        v -> {
                            Object configMap = Json.at(v, "/configMap/name");
                            if (configMap != null) {
                                volumes.put((String) Json.map(v).get("name"), (String) configMap);
                            }
                        });
        // The folders Spring reads application.yml from, besides the jar's own.
        List<String> read =
                Arrays.stream(locations.split(","))
                        .map(l -> l.replaceFirst("^optional:", "").replaceFirst("^file:", ""))
                        .toList();
        for (Object m : Json.list(container.get("volumeMounts"))) {
            String configMap = volumes.get((String) Json.map(m).get("name"));
            String directory = Json.map(m).get("mountPath") + "/";
            if (configMap == null || !read.contains(directory)) {
                continue;
            }
            Optional<Map<String, Object>> found = find(docs, "ConfigMap", configMap);
            if (found.isEmpty()) {
                problems.add(
                        overlay
                                + ": "
                                + name
                                + " reads ConfigMap "
                                + configMap
                                + ", which is not in the overlay");
                continue;
            }
            Map<String, String> settings = new TreeMap<>();
            Kustomize.parse(String.valueOf(Json.at(found.get(), "/data/application.yml")))
                    .forEach(d -> RequiredSettings.flatten("", d, settings));
            for (String key : settings.keySet()) {
                if (RequiredSettings.isSecret(key)) {
                    problems.add(
                            overlay
                                    + ": ConfigMap "
                                    + configMap
                                    + " carries "
                                    + key
                                    + " in plain text");
                }
                plain.add(RequiredSettings.canonical(RequiredSettings.setting(key)));
            }
        }
        required.forEach(
                (setting, local) -> {
                    String variable = RequiredSettings.canonical(setting);
                    if (RequiredSettings.isSecret(setting)) {
                        if (!fromSecrets.contains(variable)) {
                            problems.add(
                                    overlay
                                            + ": "
                                            + name
                                            + " needs "
                                            + setting
                                            + " from a Secret ("
                                            + variable
                                            + ")");
                        }
                    } else if (!plain.contains(variable) && !fromSecrets.contains(variable)) {
                        problems.add(
                                overlay
                                        + ": "
                                        + name
                                        + " needs "
                                        + setting
                                        + " (locally "
                                        + local
                                        + ")");
                    }
                });
    }

    /**
     * The roles the service logs in as (its application.yml) exist in the PostgreSQL cluster; where
     * it migrates as another role, Flyway's credentials come from a different Secret than the
     * service's own.
     */
    private static void checkDatabaseRoles(
            String name,
            ServiceSettings real,
            Map<String, Object> container,
            List<Document> docs,
            List<String> problems) {
        if (real.datasourceUser() == null) {
            return;
        }
        Set<Object> roles = new TreeSet<>();
        docs.stream()
                .filter(d -> "Cluster".equals(d.kind()))
                .forEach(
                        d ->
                                Json.list(Json.at(d.body(), "/spec/managed/roles"))
                                        .forEach(r -> roles.add(Json.map(r).get("name"))));
        for (String role : new String[] {real.datasourceUser(), real.flywayUser()}) {
            if (role != null && !roles.contains(role)) {
                problems.add(name + ": role " + role + " is not in the PostgreSQL cluster");
            }
        }
        Map<String, Object> secrets = new java.util.HashMap<>();
        Json.list(container.get("env"))
                .forEach(
                        e ->
                                secrets.put(
                                        (String) Json.map(e).get("name"),
                                        Json.at(e, "/valueFrom/secretKeyRef/name")));
        Object login = secrets.get("SPRING_DATASOURCE_USERNAME");
        Object migrator = secrets.get("SPRING_FLYWAY_USER");
        if (login == null) {
            problems.add(name + ": the datasource's user is not taken from a Secret");
        }
        if (real.flywayUser() != null && (migrator == null || migrator.equals(login))) {
            problems.add(
                    name
                            + ": migrates as "
                            + real.flywayUser()
                            + " but Flyway's user is not its own Secret");
        }
    }

    private static void checkTopics(Topology topology, List<Document> docs, List<String> problems) {
        Set<String> expected = new TreeSet<>(Topics.ALL);
        for (Component c : topology.components()) {
            for (Subscription s : c.subscriptions()) {
                expected.add(Topics.deadLetter(s.topic(), s.group()));
            }
        }
        Set<String> declared = new TreeSet<>();
        docs.stream()
                .filter(d -> "KafkaTopic".equals(d.kind()))
                .forEach(
                        d -> {
                            declared.add((String) Json.at(d.body(), "/spec/topicName"));
                            if (!Integer.valueOf(3).equals(Json.at(d.body(), "/spec/replicas"))
                                    || !Integer.valueOf(2)
                                            .equals(
                                                    Json.at(
                                                            d.body(),
                                                            "/spec/config/min.insync.replicas"))) {
                                problems.add(
                                        "KafkaTopic "
                                                + d.name()
                                                + ": not 3 replicas with min.insync.replicas 2");
                            }
                        });
        for (String topic : expected) {
            if (!declared.contains(topic)) {
                problems.add("topic " + topic + " has no KafkaTopic");
            }
        }
    }

    private static void checkUsers(Topology topology, List<Document> docs, List<String> problems) {
        for (Component service : topology.services()) {
            Set<String> expected = new TreeSet<>();
            service.publishes()
                    .forEach(
                            t -> {
                                expected.add("topic " + t + " Write");
                                expected.add("topic " + t + " Describe");
                            });
            for (Subscription s : service.subscriptions()) {
                String dlt = Topics.deadLetter(s.topic(), s.group());
                for (String op : List.of("Read", "Describe")) {
                    expected.add("topic " + s.topic() + " " + op);
                }
                for (String op : List.of("Read", "Write", "Describe")) {
                    expected.add("topic " + dlt + " " + op);
                }
                expected.add("group " + s.group() + " Read");
                expected.add("group " + s.group() + ".dlt-replay Read");
            }
            for (String followed : service.follows()) {
                expected.add("topic " + followed + " Read");
                expected.add("topic " + followed + " Describe");
            }
            Set<String> granted = new TreeSet<>();
            find(docs, "KafkaUser", service.name())
                    .ifPresent(
                            user ->
                                    Json.list(Json.at(user, "/spec/authorization/acls"))
                                            .forEach(
                                                    acl -> {
                                                        Map<String, Object> resource =
                                                                Json.map(
                                                                        Json.map(acl)
                                                                                .get("resource"));
                                                        Json.list(Json.map(acl).get("operations"))
                                                                .forEach(
                                                                        op ->
                                                                                granted.add(
                                                                                        resource
                                                                                                        .get(
                                                                                                                "type")
                                                                                                + " "
                                                                                                + resource
                                                                                                        .get(
                                                                                                                "name")
                                                                                                + " "
                                                                                                + op));
                                                    }));
            if (!granted.equals(expected)) {
                problems.add(
                        service.name()
                                + ": KafkaUser grants "
                                + granted
                                + ", its topics and groups need "
                                + expected);
            }
        }
    }

    private static void checkKafka(List<Document> docs, List<String> problems) {
        Map<String, Object> kafka =
                docs.stream()
                        .filter(d -> "Kafka".equals(d.kind()))
                        .map(Document::body)
                        .findFirst()
                        .orElse(Map.of());
        Map<String, Object> config = Json.map(Json.at(kafka, "/spec/kafka/config"));
        if (!Boolean.FALSE.equals(config.get("unclean.leader.election.enable"))
                || !Integer.valueOf(2).equals(config.get("min.insync.replicas"))
                || !Integer.valueOf(3).equals(config.get("default.replication.factor"))) {
            problems.add(
                    "Kafka: not replication 3, min.insync.replicas 2, unclean leader election off: "
                            + config);
        }
        int brokers =
                docs.stream()
                        .filter(d -> "KafkaNodePool".equals(d.kind()))
                        .filter(d -> Json.list(Json.at(d.body(), "/spec/roles")).contains("broker"))
                        .mapToInt(d -> (Integer) Json.at(d.body(), "/spec/replicas"))
                        .sum();
        if (brokers != 3) {
            problems.add("Kafka: " + brokers + " brokers, not 3");
        }
    }

    private static void checkImagesAndSecrets(List<Document> docs, List<String> problems) {
        for (Document d : docs) {
            if ("Secret".equals(d.kind())
                    && (d.body().containsKey("data") || d.body().containsKey("stringData"))) {
                problems.add(d.file() + ": Secret " + d.name() + " carries its values");
            }
            for (Object c : Json.list(Json.at(d.body(), "/spec/template/spec/containers"))) {
                String image = String.valueOf(Json.map(c).get("image"));
                String tag = image.substring(image.lastIndexOf('/') + 1);
                if (!image.contains("@sha256:")
                        && (!tag.contains(":") || tag.endsWith(":latest"))) {
                    problems.add(d.file() + ": image " + image + " has no pinned tag");
                }
                for (Object e : Json.list(Json.map(c).get("env"))) {
                    Map<String, Object> env = Json.map(e);
                    if (SECRET_NAME.matcher(String.valueOf(env.get("name"))).matches()
                            && env.containsKey("value")) {
                        problems.add(
                                d.file() + ": " + env.get("name") + " is written in plain text");
                    }
                }
            }
        }
    }
}
