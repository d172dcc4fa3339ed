package uk.gov.hertfordshire.platform.topology;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The platform's topology, read from {@code deploy/topology.yaml}.
 *
 * @param kafka topic and broker settings
 * @param postgresInstances PostgreSQL instances per mode
 * @param clusterPortStep in the cluster mode, replica r of a component with several replicas
 *     listens on each of its ports plus {@code clusterPortStep * r} ({@link #clusterPort})
 * @param components every component, in the declaration's order
 */
public record Topology(
        KafkaSettings kafka,
        Replicas postgresInstances,
        int clusterPortStep,
        List<Component> components) {

    /** Where the declaration lives, relative to the repository's root. */
    public static final Path DECLARATION = Path.of("deploy", "topology.yaml");

    /** Reads the declaration of the repository this process runs in (or under). */
    public static Topology load() {
        return load(repositoryRoot().resolve(DECLARATION));
    }

    /** Reads a declaration file. */
    public static Topology load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The repository's root: the nearest folder, from the working directory up, that holds the
     * declaration. Maven runs a module's tests in the module's folder, one or two levels down.
     */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.isRegularFile(at.resolve(DECLARATION))) {
                return at;
            }
        }
        throw new IllegalStateException("no " + DECLARATION + " in " + dir + " or above");
    }

    /** Parses a declaration. */
    public static Topology parse(Reader reader) {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        Map<String, Object> kafka = map(root, "kafka");
        KafkaSettings settings =
                new KafkaSettings(
                        integer(kafka, "partitions"),
                        replicas(kafka, "brokers"),
                        replicas(kafka, "replication-factor"),
                        replicas(kafka, "min-insync-replicas"),
                        (Boolean) required(kafka, "unclean-leader-election"),
                        ((Number) required(kafka, "retention-ms")).longValue());
        Replicas postgres = replicas(map(root, "postgres"), "instances");
        List<Component> components = new ArrayList<>();
        for (Object entry : (List<?>) required(root, "components")) {
            components.add(component(asMap(entry)));
        }
        int portStep = integer(map(root, "cluster"), "port-step");
        return new Topology(settings, postgres, portStep, List.copyOf(components));
    }

    /** The named component. */
    public Component component(String name) {
        return components.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no component " + name));
    }

    /**
     * Where replica {@code replica} (1-based) of a component listens in the cluster mode, for one
     * of its declared ports ({@code port}, its management, controller or metrics port): that port
     * where the component runs one replica, else that port plus {@link #clusterPortStep} times the
     * replica (case-service's second replica on 8281).
     */
    public int clusterPort(Component component, int declaredPort, int replica) {
        int replicas = component.replicas().cluster();
        if (replica < 1 || replica > replicas) {
            throw new IllegalArgumentException(
                    component.name() + " has no cluster replica " + replica + " of " + replicas);
        }
        if (declaredPort == 0 || replicas == 1) {
            return declaredPort;
        }
        return declaredPort + clusterPortStep * replica;
    }

    /** The platform's own services (deployed in every environment), in declaration order. */
    public List<Component> services() {
        return components.stream().filter(Component::isService).toList();
    }

    /** Every dead-letter topic a subscription parks failures on, in declaration order. */
    public Set<String> deadLetterTopics() {
        Set<String> topics = new LinkedHashSet<>();
        components.forEach(c -> c.subscriptions().forEach(s -> topics.add(s.deadLetterTopic())));
        return topics;
    }

    private static Component component(Map<String, Object> c) {
        List<Subscription> subscriptions = new ArrayList<>();
        for (Object s : (List<?>) c.getOrDefault("subscriptions", List.of())) {
            Map<String, Object> subscription = asMap(s);
            subscriptions.add(
                    new Subscription(
                            (String) required(subscription, "group"),
                            (String) required(subscription, "topic")));
        }
        return new Component(
                (String) required(c, "name"),
                Component.Kind.valueOf(((String) required(c, "kind")).toUpperCase(Locale.ROOT)),
                integer(c, "port"),
                (Integer) c.getOrDefault("management-port", 0),
                (Integer) c.getOrDefault("controller-port", 0),
                (Integer) c.getOrDefault("metrics-port", 0),
                (String) c.get("health"),
                (String) c.get("liveness"),
                (String) c.get("readiness"),
                replicas(c, "replicas"),
                strings(c, "depends-on"),
                (String) c.get("database"),
                (String) c.get("runtime-role"),
                strings(c, "publishes"),
                List.copyOf(subscriptions),
                strings(c, "follows"));
    }

    private static Replicas replicas(Map<String, Object> parent, String key) {
        Map<String, Object> modes = map(parent, key);
        return new Replicas(integer(modes, "single"), integer(modes, "cluster"));
    }

    private static List<String> strings(Map<String, Object> parent, String key) {
        List<String> values = new ArrayList<>();
        for (Object value : (List<?>) parent.getOrDefault(key, List.of())) {
            values.add((String) value);
        }
        return List.copyOf(values);
    }

    private static int integer(Map<String, Object> parent, String key) {
        return (Integer) required(parent, key);
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return asMap(required(parent, key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    private static Object required(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing in " + parent);
        }
        return value;
    }
}
