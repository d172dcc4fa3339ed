package uk.gov.hertfordshire.platform.local.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Component.Kind;
import uk.gov.hertfordshire.platform.topology.KafkaSettings;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * What {@code ./platform up} runs, where, and how, decided from the topology alone: every instance
 * with its ports, its command line, its environment, its start dependencies, and where the
 * generated Kafka, nginx and Prometheus configurations go ({@link KafkaBrokerConfig}, {@link
 * NginxConfig} and {@link PrometheusConfig} write them). Nothing here starts a process or writes to
 * the disk (it reads only whether an application's class data archive is ready, {@link ClassData}),
 * so the plan is unit tested on its own ({@code ClusterPlanTest}, {@code SinglePlanTest}); {@link
 * Cluster} carries it out.
 *
 * <p>Two modes ({@link Mode}): the cluster ({@code up --cluster}: each component's cluster replica
 * count, replica r on its ports + port-step·r, named {@code <component>-<r>}) and the single copy
 * ({@code up}: one of each component whose single count is 1, on its declared ports, named as the
 * component, its files directly in the data folder as they always were: {@code run/kafka.pid},
 * {@code logs/kafka.log}, {@code kafka/}).
 *
 * <p>Which components: those asked for (all but monitoring when none are), each with what it
 * depends on, transitively, except that a service's dependency on another service (the gateway's
 * routes) does not pull that service in: the end-to-end tests start the gateways with two services
 * only. A component the cluster mode does not run (no cluster replica, or monitoring) is left out.
 */
public final class ClusterPlan {

    /** The platform's version: the jars ./platform builds are named with it. */
    static final String VERSION = "0.1.0-SNAPSHOT";

    static final String POSTGRES = "postgres";
    static final String KAFKA = "kafka";
    static final String REDIS = "redis";
    static final String GATEWAY = "gateway";
    static final String LOAD_BALANCER = "load-balancer";
    static final String IDENTITY_PROVIDER = "identity-provider";
    static final String PROMETHEUS = "prometheus";
    static final String POSTGRES_EXPORTER = "postgres-exporter";

    /** The monitoring programs (Debian packages), by component: run where installed. */
    public static final Map<String, String> MONITORING_BINARIES =
            Map.of(PROMETHEUS, "prometheus", POSTGRES_EXPORTER, "prometheus-postgres-exporter");

    /**
     * Service JVMs: small heaps, serial GC, C1 only. The heap starts at 32 MB and grows as the
     * service needs it ({@code -Xms32m}), and gives back what a burst left free ({@code
     * -XX:MaxHeapFreeRatio=40}): without {@code -Xms} the JVM starts the heap at 1/64 of the
     * machine's memory, which on a machine of 16 GB or more is the whole 256 MB, and its young
     * generation (a third) is written over and over, so every service held ~85 MB of young
     * generation whatever it did (ADR 46, docs/benchmarks/jvm-settings.md run 5).
     */
    static final String DEFAULT_JVM_OPTS =
            "-Xms32m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:MinHeapFreeRatio=20"
                    + " -XX:MaxHeapFreeRatio=40 -XX:MaxMetaspaceSize=192m"
                    + " -XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=1";

    /**
     * One service's own options, added after every service's: production's compiler for the two
     * JVMs on every submission's path, for a benchmark of the steady state (ADR 43). None by
     * default: on a developer's machine start-up and memory count for more (issue 15's limits).
     */
    static final String PRODUCTION_COMPILER = "-XX:TieredStopAtLevel=4";

    static final String DEFAULT_KAFKA_JVM_OPTS = "-Xmx512m -XX:+UseSerialGC";

    /**
     * The single broker's: a heap that starts small and may grow to 256 MB (a single KRaft broker
     * with the platform's few topics lives in far less), C1 only (less compiling while the services
     * start beside it), and capped metaspace and code cache (ADR 46).
     */
    static final String DEFAULT_SINGLE_KAFKA_JVM_OPTS =
            "-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                    + " -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m";

    /** Which of the topology's two replica counts the plan runs. */
    public enum Mode {
        /** {@code ./platform up}: one copy of everything, on the declared ports. */
        SINGLE,
        /** {@code ./platform up --cluster}: the cluster replica counts. */
        CLUSTER
    }

    /** How a process's readiness is checked. */
    public enum Probe {
        /** LocalPostgres wrote its ready file and PostgreSQL answers a startup message. */
        POSTGRES,
        /** The broker answers an ApiVersions request. */
        KAFKA,
        /** Redis answers PING. */
        REDIS,
        /** The declared health path answers {@code "status":"UP"} (HTTP 200 for nginx). */
        HTTP,
        /** The health path (or {@code /}) answers HTTP 200: Prometheus and its exporter. */
        READY
    }

    /**
     * How to start one instance.
     *
     * @param command the program and its arguments
     * @param environment added to the launcher's own
     * @param log where its standard output and error go
     * @param marker an argument of its command line that only this instance has: a PID whose
     *     command line (or executable) lacks it is not ours
     */
    public record Launch(
            List<String> command, Map<String, String> environment, Path log, String marker) {}

    private final Mode mode;
    private final Topology topology;
    private final Path root;
    private final Path data;
    private final List<Instance> instances;

    private ClusterPlan(
            Mode mode, Topology topology, Path root, Path data, List<Instance> instances) {
        this.mode = mode;
        this.topology = topology;
        this.root = root;
        this.data = data;
        this.instances = List.copyOf(instances);
    }

    /**
     * The plan for the named components and what they need (every component the cluster mode runs
     * when {@code components} is empty).
     *
     * @param topology the declaration
     * @param root the repository (jars under {@code <component>/target}, deploy/monitoring)
     * @param data the cluster's own data folder: logs, PID files, Kafka logs, PostgreSQL's data
     * @param components component names, e.g. {@code gateway}, {@code case-service}
     */
    public static ClusterPlan of(
            Topology topology, Path root, Path data, Collection<String> components) {
        return of(topology, root, data, components, List.of());
    }

    /**
     * As {@link #of(Topology, Path, Path, Collection)}, with monitoring components as well
     * (Prometheus, the PostgreSQL exporter): {@code ./platform up --cluster} names those installed.
     * Prometheus scrapes every replica ({@link PrometheusConfig}).
     *
     * @param monitoring monitoring components to run, e.g. {@code prometheus}
     */
    public static ClusterPlan of(
            Topology topology,
            Path root,
            Path data,
            Collection<String> components,
            Collection<String> monitoring) {
        return plan(Mode.CLUSTER, topology, root, data, components, monitoring);
    }

    /**
     * The single-copy plan ({@code ./platform up}): one instance of each component whose single
     * replica count is 1, named as the component, on its declared ports, with its files directly in
     * {@code data}. A dependency the single mode does not run (Redis) is left out.
     *
     * @param data the platform's data folder ({@code $PLATFORM_DATA})
     * @param components component names; empty for all but monitoring
     * @param monitoring monitoring components to run, e.g. {@code prometheus}
     */
    public static ClusterPlan single(
            Topology topology,
            Path root,
            Path data,
            Collection<String> components,
            Collection<String> monitoring) {
        return plan(Mode.SINGLE, topology, root, data, components, monitoring);
    }

    private static ClusterPlan plan(
            Mode mode,
            Topology topology,
            Path root,
            Path data,
            Collection<String> components,
            Collection<String> monitoring) {
        Set<String> wanted = new LinkedHashSet<>();
        if (components.isEmpty()) {
            topology.components().stream()
                    .filter(c -> runsIn(mode, c))
                    .forEach(c -> wanted.add(c.name()));
        } else {
            components.forEach(
                    name -> addWithDependencies(mode, topology, topology.component(name), wanted));
        }
        for (String name : monitoring) {
            Component c = topology.component(name);
            if (c.kind() != Kind.MONITORING || replicas(mode, c) == 0) {
                throw new IllegalArgumentException(name + " is not a monitoring component");
            }
            wanted.add(name);
        }
        List<Instance> instances = new ArrayList<>();
        for (Component c : topology.components()) {
            if (!wanted.contains(c.name())) {
                continue;
            }
            if (mode == Mode.SINGLE) {
                instances.add(
                        new Instance(
                                c.name(),
                                c,
                                1,
                                c.port(),
                                c.managementPort(),
                                c.controllerPort(),
                                c.metricsPort()));
                continue;
            }
            for (int r = 1; r <= c.replicas().cluster(); r++) {
                instances.add(
                        new Instance(
                                c.name() + "-" + r,
                                c,
                                r,
                                topology.clusterPort(c, c.port(), r),
                                topology.clusterPort(c, c.managementPort(), r),
                                topology.clusterPort(c, c.controllerPort(), r),
                                topology.clusterPort(c, c.metricsPort(), r)));
            }
        }
        return new ClusterPlan(
                mode, topology, root.toAbsolutePath(), data.toAbsolutePath(), instances);
    }

    private static int replicas(Mode mode, Component c) {
        return mode == Mode.SINGLE ? c.replicas().single() : c.replicas().cluster();
    }

    private static boolean runsIn(Mode mode, Component c) {
        return replicas(mode, c) > 0 && c.kind() != Kind.MONITORING;
    }

    private static void addWithDependencies(
            Mode mode, Topology topology, Component c, Set<String> wanted) {
        if (!runsIn(mode, c)) {
            throw new IllegalArgumentException(
                    c.name() + " does not run in the " + mode.name().toLowerCase() + " mode");
        }
        if (!wanted.add(c.name())) {
            return;
        }
        for (String name : c.dependsOn()) {
            Component dependency = topology.component(name);
            boolean routeOnly = c.isService() && dependency.isService();
            if (!routeOnly && runsIn(mode, dependency)) {
                addWithDependencies(mode, topology, dependency, wanted);
            }
        }
    }

    /** Single copy or cluster. */
    public Mode mode() {
        return mode;
    }

    /** "platform" or "cluster", for messages. */
    String label() {
        return mode == Mode.SINGLE ? "platform" : "cluster";
    }

    public Topology topology() {
        return topology;
    }

    /** The cluster's data folder. */
    public Path data() {
        return data;
    }

    /** The repository the jars and configuration come from. */
    public Path root() {
        return root;
    }

    /** Every instance, in the declaration's order, replicas in order. */
    public List<Instance> instances() {
        return instances;
    }

    /** The named instance ({@code case-service-2}). */
    public Instance instance(String name) {
        return instances.stream()
                .filter(i -> i.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new NoSuchElementException(
                                        "no instance "
                                                + name
                                                + " in this cluster; instances: "
                                                + instances.stream()
                                                        .map(Instance::name)
                                                        .collect(Collectors.joining(" "))));
    }

    /** Every instance of a component in this plan (none where it is not in it). */
    public List<Instance> instancesOf(String component) {
        return instances.stream().filter(i -> i.componentName().equals(component)).toList();
    }

    /** Whether the process runs on its own before anything else: PostgreSQL, Kafka, Redis. */
    public static boolean isInfrastructure(Instance instance) {
        return instance.component().kind() == Kind.INFRASTRUCTURE;
    }

    /**
     * The instances that must be healthy before this one starts: every instance of what it depends
     * on (in this plan), and for a replica after the first of an application, the first replica (it
     * migrates the database and writes first-start files such as care-service's data keys, which
     * the others then read rather than race to create).
     */
    public List<Instance> startAfter(Instance instance) {
        List<Instance> after = new ArrayList<>();
        for (String dependency : instance.component().dependsOn()) {
            // The single copy starts the applications together once the infrastructure is up, as
            // it always has: each fetches what it needs from the others when it needs it.
            if (mode == Mode.CLUSTER
                    || topology.component(dependency).kind() == Kind.INFRASTRUCTURE) {
                after.addAll(instancesOf(dependency));
            }
        }
        if (instance.replica() > 1 && !isInfrastructure(instance)) {
            after.add(instancesOf(instance.componentName()).get(0));
        }
        return after;
    }

    /** How its readiness is checked. */
    public Probe probe(Instance instance) {
        return switch (instance.componentName()) {
            case POSTGRES -> Probe.POSTGRES;
            case KAFKA -> Probe.KAFKA;
            case REDIS -> Probe.REDIS;
            case PROMETHEUS, POSTGRES_EXPORTER -> Probe.READY;
            default -> Probe.HTTP;
        };
    }

    // --- Paths ----------------------------------------------------------------------------------

    /** PID files, generated configurations, the lock. */
    public Path runDir() {
        return data.resolve("run");
    }

    /** Where every log is. */
    public Path logDir() {
        return data.resolve("logs");
    }

    /** The instance's PID file. */
    public Path pidFile(Instance instance) {
        return runDir().resolve(instance.name() + ".pid");
    }

    /** The log its standard output and error go to. */
    public Path log(Instance instance) {
        if (mode == Mode.SINGLE && instance.componentName().equals(KAFKA)) {
            return logDir().resolve("kafka.stdout.log"); // beside kafka.log, the broker's own
        }
        return logDir().resolve(instance.name() + ".log");
    }

    /** Kafka's own log4j log for a broker (its stdout log says little). */
    Path kafkaLogDir(Instance broker) {
        return mode == Mode.SINGLE ? logDir() : logDir().resolve(broker.name());
    }

    Path kafkaDataDir(Instance broker) {
        return data.resolve(broker.name());
    }

    Path kafkaConfig(Instance broker) {
        return runDir().resolve(broker.name() + ".properties");
    }

    Path kafkaClusterIdFile() {
        return data.resolve("kafka-cluster-id");
    }

    Path prometheusConfigFile() {
        return runDir().resolve("prometheus.yml");
    }

    Path nginxConfig() {
        return runDir().resolve("nginx.conf");
    }

    Path redisBinary() {
        return data.resolve("bin").resolve("redis-server");
    }

    String launcherClasspath() {
        Path target = root.resolve("deploy/local/target");
        return target.resolve("lib") + "/*:" + target.resolve("local-platform-" + VERSION + ".jar");
    }

    /** The runnable jar of an application component, as the build writes it. */
    public Path jar(String component) {
        return switch (component) {
            // The local SAP and GOV.UK Pay (deploy/<name>): their runnable jars are the exec ones.
            case "sap-simulator", "govuk-pay-stand-in" ->
                    root.resolve(
                            "deploy/"
                                    + component
                                    + "/target/"
                                    + component
                                    + "-"
                                    + VERSION
                                    + "-exec.jar");
            default -> root.resolve(component + "/target/" + component + "-" + VERSION + ".jar");
        };
    }

    // --- Settings -------------------------------------------------------------------------------

    /** Every broker's client address, comma-separated: what every service bootstraps from. */
    public String kafkaBootstrapServers() {
        return instancesOf(KAFKA).stream()
                .map(b -> "127.0.0.1:" + b.port())
                .collect(Collectors.joining(","));
    }

    /**
     * What each gateway replica is told about each service in the plan: every replica's base URI,
     * comma-separated ({@code platform.services.case-service=http://127.0.0.1:8181,http://...}).
     */
    public Map<String, String> gatewayServices() {
        Map<String, String> services = new LinkedHashMap<>();
        for (String name : topology.component(GATEWAY).dependsOn()) {
            Component c = topology.component(name);
            List<Instance> replicas = instancesOf(name);
            if (c.isService() && !replicas.isEmpty()) {
                services.put(
                        name,
                        replicas.stream().map(Instance::url).collect(Collectors.joining(",")));
            }
        }
        return services;
    }

    /** The topics' replication factor: the topology's for this mode, at most the brokers. */
    int replicationFactor() {
        KafkaSettings kafka = topology.kafka();
        int declared =
                mode == Mode.SINGLE
                        ? kafka.replicationFactor().single()
                        : kafka.replicationFactor().cluster();
        return Math.min(declared, instancesOf(KAFKA).size());
    }

    /** How many replicas must have a write before it is acknowledged, for this mode. */
    int minInSyncReplicas() {
        KafkaSettings kafka = topology.kafka();
        int declared =
                mode == Mode.SINGLE
                        ? kafka.minInSyncReplicas().single()
                        : kafka.minInSyncReplicas().cluster();
        return Math.min(declared, replicationFactor());
    }

    // --- Launches -------------------------------------------------------------------------------

    /** How to start the instance, with this shell's settings. */
    public Launch launch(Instance instance) {
        return launch(instance, System.getenv());
    }

    /**
     * How to start the instance with the settings in {@code environment}: an application's JVM
     * options and class data sharing ({@code PLATFORM_JVM_OPTS*}, {@code PLATFORM_CDS}).
     */
    Launch launch(Instance instance, Map<String, String> environment) {
        String marker = "-Dplatform.component=" + instance.name();
        return switch (instance.componentName()) {
            case POSTGRES ->
                    new Launch(
                            java(
                                    "-Xmx48m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                                            + " -XX:+ExitOnOutOfMemoryError",
                                    marker,
                                    "-cp",
                                    launcherClasspath(),
                                    "uk.gov.hertfordshire.platform.local.LocalPostgres",
                                    "--data",
                                    data.toString(),
                                    "--port",
                                    String.valueOf(instance.port())),
                            Map.of(),
                            log(instance),
                            marker);
            case KAFKA ->
                    new Launch(
                            java(
                                    env(
                                            "PLATFORM_KAFKA_JVM_OPTS",
                                            mode == Mode.SINGLE
                                                    ? DEFAULT_SINGLE_KAFKA_JVM_OPTS
                                                    : DEFAULT_KAFKA_JVM_OPTS),
                                    marker,
                                    "-Djava.awt.headless=true",
                                    "-javaagent:"
                                            + root.resolve(
                                                    "deploy/local/target/agents/jmx_prometheus_javaagent.jar")
                                            + "=127.0.0.1:"
                                            + instance.metricsPort()
                                            + ":"
                                            + root.resolve("deploy/monitoring/kafka-jmx.yml"),
                                    "-Dlog4j2.configurationFile=classpath:kafka-log4j2.xml",
                                    "-Dkafka.logs.dir=" + kafkaLogDir(instance),
                                    "-cp",
                                    launcherClasspath(),
                                    "kafka.Kafka",
                                    kafkaConfig(instance).toString()),
                            Map.of(),
                            log(instance),
                            marker);
            case REDIS ->
                    new Launch(
                            List.of(
                                    redisBinary().toString(),
                                    "--bind",
                                    "127.0.0.1",
                                    "--port",
                                    String.valueOf(instance.port()),
                                    // Buckets refill on their own: nothing worth keeping on disk.
                                    "--save",
                                    "",
                                    "--appendonly",
                                    "no",
                                    "--dir",
                                    data.toString()),
                            Map.of("PLATFORM_COMPONENT", instance.name()),
                            log(instance),
                            // redis-server rewrites its command line; its executable is ours.
                            redisBinary().toString());
            case LOAD_BALANCER ->
                    new Launch(
                            List.of(
                                    NGINX,
                                    "-e",
                                    logDir().resolve("load-balancer.error.log").toString(),
                                    "-p",
                                    data.resolve("nginx").toString(),
                                    "-c",
                                    nginxConfig().toString(),
                                    "-g",
                                    "daemon off;"),
                            Map.of("PLATFORM_COMPONENT", instance.name()),
                            log(instance),
                            // nginx rewrites its command line but keeps "-c <file>" in the title.
                            nginxConfig().toString());
            case PROMETHEUS ->
                    new Launch(
                            List.of(
                                    MONITORING_BINARIES.get(PROMETHEUS),
                                    "--config.file=" + prometheusConfigFile(),
                                    "--storage.tsdb.path=" + data.resolve("prometheus"),
                                    "--web.listen-address=127.0.0.1:" + instance.port()),
                            Map.of("PLATFORM_COMPONENT", instance.name()),
                            log(instance),
                            "--config.file=" + prometheusConfigFile());
            case POSTGRES_EXPORTER ->
                    new Launch(
                            List.of(
                                    MONITORING_BINARIES.get(POSTGRES_EXPORTER),
                                    "--web.listen-address=127.0.0.1:" + instance.port(),
                                    "--auto-discover-databases"),
                            Map.of(
                                    "PLATFORM_COMPONENT",
                                    instance.name(),
                                    "DATA_SOURCE_NAME",
                                    "postgresql://postgres@127.0.0.1:"
                                            + instancesOf(POSTGRES).get(0).port()
                                            + "/postgres?sslmode=disable"),
                            log(instance),
                            "--web.listen-address=127.0.0.1:" + instance.port());
            default -> application(instance, marker, environment);
        };
    }

    /** Where spans go with PLATFORM_TRACING=on and no PLATFORM_OTLP_ENDPOINT. */
    static final String DEFAULT_OTLP_ENDPOINT = "http://127.0.0.1:4318/v1/traces";

    /** nginx from the operating system's package. */
    static final String NGINX = "/usr/sbin/nginx";

    private Launch application(Instance instance, String marker, Map<String, String> environment) {
        Component c = instance.component();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SERVER_PORT", String.valueOf(instance.port()));
        if (instance.managementPort() != 0) {
            env.put("MANAGEMENT_SERVER_PORT", String.valueOf(instance.managementPort()));
        }
        env.put("PLATFORM_DATA", data.toString());
        if (!instancesOf(KAFKA).isEmpty()) {
            env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
            // The services declare their topics (TopicsAutoConfiguration) with this mode's
            // settings.
            env.put(
                    "PLATFORM_SUPPORT_TOPICS_PARTITIONS",
                    String.valueOf(topology.kafka().partitions()));
            env.put(
                    "PLATFORM_SUPPORT_TOPICS_REPLICATION_FACTOR",
                    String.valueOf(replicationFactor()));
            env.put(
                    "PLATFORM_SUPPORT_TOPICS_MIN_IN_SYNC_REPLICAS",
                    String.valueOf(minInSyncReplicas()));
            if (replicas(mode, c) > 1) {
                // Consumers per partition across the replicas, not per replica: with its own
                // setting (analytics-service asks for one per partition, ADR 39) two replicas
                // would hold six consumers for three partitions, the assignor could give all three
                // to one replica's, and losing that replica would leave nothing to hand over.
                env.put(
                        "PLATFORM_SUPPORT_CONSUMER_CONCURRENCY",
                        String.valueOf(
                                Math.max(1, topology.kafka().partitions() / replicas(mode, c))));
            }
        }
        // Tracing (ADR 21), one switch: on samples every request and exports its spans over
        // OTLP/HTTP; off exports nothing (ids are still made, passed on and logged).
        if ("on".equals(env("PLATFORM_TRACING", "off"))) {
            env.put("MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0");
            env.put(
                    "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                    env("PLATFORM_OTLP_ENDPOINT", DEFAULT_OTLP_ENDPOINT));
        }
        String db = c.database();
        if (db != null) {
            int pg = topology.component(POSTGRES).port(); // one PostgreSQL in both modes
            env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:" + pg + "/" + db);
            // Database = login role = password (local development only), as ./platform up.
            env.put("SPRING_DATASOURCE_USERNAME", db);
            env.put("SPRING_DATASOURCE_PASSWORD", db);
            if (c.runtimeRole() != null) {
                // Migrates as the database's owner, runs as the narrower role (ADR 12).
                env.put("SPRING_DATASOURCE_USERNAME", c.runtimeRole());
                env.put("SPRING_DATASOURCE_PASSWORD", c.runtimeRole());
                env.put("SPRING_FLYWAY_USER", db);
                env.put("SPRING_FLYWAY_PASSWORD", db);
            }
        }
        if (c.name().equals("care-service")) {
            // One key file for both replicas: the first creates it (startAfter), the others read
            // it.
            env.put(
                    "PLATFORM_CARE_KEYS_FILE",
                    data.resolve("care-service/keys.properties").toString());
        }
        List<String> args = new ArrayList<>();
        args.add("--spring.profiles.active=local");
        if (c.name().equals(IDENTITY_PROVIDER)) {
            args.add("--platform.identity.key-directory=" + data.resolve("identity"));
        }
        if (c.name().equals(GATEWAY)) {
            // Command-line arguments, so the dashed keys bind as written.
            gatewayServices()
                    .forEach(
                            (service, uris) ->
                                    args.add("--platform.services." + service + "=" + uris));
            instancesOf(REDIS).stream()
                    .findFirst()
                    .ifPresent(
                            r ->
                                    args.add(
                                            "--platform.limits.redis-uri=redis://127.0.0.1:"
                                                    + r.port()));
            // nginx in front passes the citizen's address in X-Forwarded-For; without trusting
            // it, every citizen would share nginx's one rate-limit bucket.
            if (!instancesOf(LOAD_BALANCER).isEmpty()) {
                args.add("--platform.limits.trusted-proxies=127.0.0.1");
            }
        }
        List<String> command = new ArrayList<>();
        Optional<ClassData> classData = classData(instance, environment);
        command.addAll(java(jvmOptions(instance.componentName(), environment), marker));
        classData.ifPresent(d -> command.addAll(d.jvmOptions()));
        command.add("-jar");
        command.add(classData.map(ClassData::extractedJar).orElse(jar(c.name())).toString());
        command.addAll(args);
        return new Launch(command, env, log(instance), marker);
    }

    /**
     * The single copy runs each Spring Boot application from its extracted jar with a class data
     * sharing archive in {@code <data>/apps/<component>} (ADR 47), unless {@code PLATFORM_CDS=off}
     * or the JVM options bring their own sharing. The cluster runs the built jars: its replicas
     * would share a component's files, and its start-up is not what issue 15 limits.
     */
    Optional<ClassData> classData(Instance instance, Map<String, String> environment) {
        return classData(instance, environment, Path.of(System.getProperty("java.home")));
    }

    /**
     * As {@link #classData(Instance, Map)}, for the JDK in {@code javaHome}: one without a base
     * archive ({@code lib/server/classes.jsa}, which a JDK's owner makes with {@code java
     * -Xshare:dump}) cannot write a dynamic archive, and a JVM started with {@code
     * -XX:ArchiveClassesAtExit} on it does not start at all, so it runs the built jars.
     */
    Optional<ClassData> classData(
            Instance instance, Map<String, String> environment, Path javaHome) {
        String options = jvmOptions(instance.componentName(), environment);
        boolean own = ClassData.OWN_SHARING.stream().anyMatch(options::contains);
        // The Spring Boot applications: the services and the identity provider. The two stand-ins
        // are plain JDK programs (Boot's extraction needs Spring's own classes) that start in a
        // second or two.
        boolean application =
                instance.component().isService()
                        || instance.componentName().equals(IDENTITY_PROVIDER);
        if (mode != Mode.SINGLE
                || !application
                || own
                || "off".equals(environment.get(ClassData.SWITCH))
                || !Files.isRegularFile(javaHome.resolve("lib/server/classes.jsa"))) {
            return Optional.empty();
        }
        String component = instance.componentName();
        return Optional.of(
                new ClassData(jar(component), data.resolve("apps").resolve(component), options));
    }

    /**
     * A service's JVM options: {@code PLATFORM_JVM_OPTS} (or the defaults), then its own, from
     * {@code PLATFORM_JVM_OPTS_<NAME>} ({@code PLATFORM_JVM_OPTS_CASE_SERVICE}, e.g. {@link
     * #PRODUCTION_COMPILER}). The JVM takes the last of a repeated option, so its own win.
     */
    static String jvmOptions(String component, Map<String, String> environment) {
        String own = set(environment.get(jvmOptionsVariable(component))).orElse("");
        return (set(environment.get("PLATFORM_JVM_OPTS")).orElse(DEFAULT_JVM_OPTS) + " " + own)
                .trim()
                .replace("{component}", component);
    }

    /** {@code PLATFORM_JVM_OPTS_CASE_SERVICE} for case-service. */
    static String jvmOptionsVariable(String component) {
        return "PLATFORM_JVM_OPTS_" + component.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Optional<String> set(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static List<String> java(String options, String... rest) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(command::add);
        command.addAll(List.of(rest));
        return command;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
