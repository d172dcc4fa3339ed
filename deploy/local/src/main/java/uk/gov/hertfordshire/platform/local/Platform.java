package uk.gov.hertfordshire.platform.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import uk.gov.hertfordshire.platform.local.chaos.Chaos;
import uk.gov.hertfordshire.platform.local.cluster.Cluster;
import uk.gov.hertfordshire.platform.local.cluster.ClusterCommand;
import uk.gov.hertfordshire.platform.local.cluster.ClusterException;
import uk.gov.hertfordshire.platform.local.cluster.ClusterPlan;
import uk.gov.hertfordshire.platform.local.cluster.Instance;
import uk.gov.hertfordshire.platform.local.commands.PlatformCommands;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * {@code ./platform}: the one launcher behind the script, which only finds Java, builds this
 * module's jar when it is missing and hands every argument here (ADR 0036). Both modes are planned
 * from deploy/topology.yaml ({@link ClusterPlan}) and carried out by the same supervisor ({@link
 * Cluster}): {@code up} runs the single copy (one of everything on its declared ports, data
 * directly in {@code $PLATFORM_DATA}), {@code up --cluster} the replicated cluster ({@link
 * ClusterCommand}, data in {@code $PLATFORM_DATA/cluster}).
 *
 * <pre>
 * java -Dplatform.root=. -Dplatform.tty=1 -cp 'deploy/local/target/lib/*:...' \
 *     uk.gov.hertfordshire.platform.local.Platform up -d
 * </pre>
 *
 * <p>The settings are the environment variables deploy/local/README.md lists ({@code
 * PLATFORM_DATA}, {@code PLATFORM_TIMEOUT}, {@code PLATFORM_JVM_OPTS}, ...).
 */
public final class Platform {

    /** A subcommand: the arguments after its name. */
    interface Command {
        void run(Platform platform, List<String> args) throws Exception;
    }

    /** Every subcommand, by name. */
    static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("up", Platform::up);
        COMMANDS.put("down", (p, a) -> p.down());
        COMMANDS.put("status", (p, a) -> p.status());
        COMMANDS.put("logs", Platform::logs);
        COMMANDS.put("build", (p, a) -> p.build());
        COMMANDS.put("bench", Platform::bench);
        COMMANDS.put("chaos", Platform::chaos);
        COMMANDS.put("topology", (p, a) -> p.printTopology());
        COMMANDS.put("help", (p, a) -> p.out.print(p.usage()));
        // The operator commands (package commands): they call the running services.
        for (String operator :
                List.of("deadletters", "replay", "token", "api-key", "care", "sap", "analytics")) {
            COMMANDS.put(operator, (p, a) -> operator(operator, a));
        }
    }

    private static void operator(String name, List<String> args) {
        List<String> all = new ArrayList<>(List.of(name.equals("replay") ? "deadletters" : name));
        all.addAll(args);
        PlatformCommands.main(all.toArray(String[]::new));
    }

    private static final int DEFAULT_TIMEOUT_SECONDS = 120;

    private final Path root;
    private final Path data;
    private final boolean terminal;
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private Topology topology;
    // Set once a signal (or a failed foreground start) has the launcher stop everything.
    private final AtomicBoolean stoppingAll = new AtomicBoolean(false);

    Platform(Path root, Path data, boolean terminal) {
        this.root = root;
        this.data = data;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        String folder = env("PLATFORM_DATA", root.resolve("data").toString());
        Path data = Path.of(folder).toAbsolutePath().normalize(); // relative to the caller's folder
        System.setProperty("platform.data", data.toString()); // ClusterCommand's, Chaos's
        Platform platform =
                new Platform(root, data, "1".equals(System.getProperty("platform.tty")));
        List<String> rest = new ArrayList<>(List.of(args));
        String name = rest.isEmpty() ? "help" : rest.remove(0);
        if (List.of("-h", "--help").contains(name)) {
            name = "help";
        }
        Command command = COMMANDS.get(name);
        if (command == null) {
            platform.err.print(platform.usage());
            System.exit(2);
        }
        try {
            if (platform.clusterRuns(name, rest)) {
                platform.cluster(name, rest);
            } else {
                command.run(platform, rest);
            }
            System.exit(0);
        } catch (ClusterException | IllegalArgumentException e) {
            platform.err.println(e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            platform.err.println(name + " failed: " + e);
            System.exit(1);
        }
    }

    // --- The cluster mode -----------------------------------------------------------------------

    /** {@code up --cluster}, or down, status and logs while a cluster runs (its marker). */
    private boolean clusterRuns(String name, List<String> args) {
        return name.equals("up") && args.contains("--cluster")
                || List.of("down", "status", "logs").contains(name) && Cluster.runsOn(data);
    }

    private void cluster(String name, List<String> args) {
        if (name.equals("up")) {
            Build.ensure(
                    root,
                    logs(),
                    Build.jars(plan(List.of(), List.of())),
                    false,
                    false,
                    out,
                    terminal);
        }
        List<String> all = new ArrayList<>(List.of(name));
        all.addAll(args);
        ClusterCommand.main(all.toArray(String[]::new));
    }

    // --- up -------------------------------------------------------------------------------------

    private void up(List<String> args) throws IOException {
        boolean detach = false;
        boolean force = false;
        boolean infraOnly = "1".equals(env("PLATFORM_INFRA_ONLY", "0"));
        long timeout = Long.parseLong(env("PLATFORM_TIMEOUT", "" + DEFAULT_TIMEOUT_SECONDS));
        List<String> components = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-d", "--detach" -> detach = true;
                case "--infra-only" -> infraOnly = true;
                case "--build" -> force = true;
                case "--timeout" -> {
                    if (i + 1 == args.size()) {
                        throw new IllegalArgumentException("--timeout needs seconds");
                    }
                    timeout = Long.parseLong(args.get(++i));
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException(
                                "up: unknown option "
                                        + arg
                                        + " (usage: ./platform up [-d] [--infra-only] [--build]"
                                        + " [--timeout SECONDS] [component...])");
                    }
                    components.add(arg);
                }
            }
        }
        String tracing = env("PLATFORM_TRACING", "off");
        switch (tracing) {
            case "off" -> {}
            case "on" ->
                    out.println(
                            "Tracing on: every request sampled, spans sent to "
                                    + env(
                                            "PLATFORM_OTLP_ENDPOINT",
                                            "http://127.0.0.1:4318/v1/traces")
                                    + " (OTLP/HTTP).");
            default ->
                    throw new IllegalArgumentException(
                            "PLATFORM_TRACING must be on or off, not '" + tracing + "'.");
        }
        if (infraOnly) {
            components = List.of("postgres", "kafka");
        }
        // Monitoring with everything (and with the infrastructure alone), where installed.
        List<String> monitoring = new ArrayList<>();
        if (infraOnly || components.isEmpty()) {
            List<String> installed = ClusterCommand.installedMonitoring();
            for (Map.Entry<String, String> m :
                    new java.util.TreeMap<>(ClusterPlan.MONITORING_BINARIES).entrySet()) {
                if (installed.contains(m.getKey())) {
                    monitoring.add(m.getKey());
                } else {
                    err.printf(
                            "  %s: %s is not installed (apt-get install %s); going on without it%n",
                            m.getKey(), m.getValue(), m.getValue());
                }
            }
        }
        ClusterPlan plan = plan(components, monitoring);
        Files.createDirectories(plan.runDir());
        Files.createDirectories(plan.logDir());
        FileLock lock = lock(plan);
        Build.ensure(root, logs(), Build.jars(plan), force, false, out, terminal);

        Cluster cluster =
                Cluster.of(plan)
                        .printingTo(out)
                        .withTimeout(Duration.ofDays(1)) // each component has PLATFORM_TIMEOUT
                        .withInstanceTimeout(Duration.ofSeconds(timeout))
                        .withParallelism(Integer.parseInt(env("PLATFORM_PARALLEL", "0")))
                        .onTerminal(terminal);
        AtomicBoolean done = new AtomicBoolean(false);
        final boolean foreground = !detach;
        Thread onSignal =
                new Thread(
                        () -> {
                            if (done.get()) {
                                return;
                            }
                            stoppingAll.set(true);
                            cluster.stopStarting();
                            out.print(terminal ? "\r\u001b[K" : "");
                            if (foreground) {
                                // In the foreground Ctrl-C (or closing the terminal) or a failed
                                // start stops everything, services first.
                                out.println();
                                out.println("Stopping...");
                                cluster.down();
                            } else {
                                out.println(
                                        "Interrupted; what already started keeps running"
                                                + " (./platform down stops it).");
                            }
                        });
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            cluster.up();
        } catch (ClusterException e) {
            String failed = e.getMessage().lines().findFirst().orElse("");
            if (detach) {
                done.set(true);
                err.println(
                        "Start-up failed: "
                                + failed
                                + ". Logs: ./platform logs <component>. Components that did start"
                                + " keep running (./platform down).");
            } else {
                err.println("Start-up failed: " + failed + ". Stopping everything.");
            }
            System.exit(1);
        }
        printUrls(plan);
        if (detach) {
            done.set(true);
            return;
        }
        lock.release();
        lock.channel().close();
        out.println();
        out.println(
                "Running in the foreground: Ctrl-C stops everything. (Use ./platform up -d to run in"
                        + " the background.)");
        watch(cluster);
        done.set(true);
    }

    /**
     * Stays in the foreground, reporting a component that stops; returns once none runs (stopped by
     * {@code ./platform down} from another terminal, say).
     */
    private void watch(Cluster cluster) {
        List<String> reported = new ArrayList<>();
        while (true) {
            Cluster.pause(Duration.ofSeconds(2));
            if (stoppingAll.get()) {
                return; // the shutdown hook is stopping everything and says so
            }
            List<String> running = cluster.running();
            for (String name : cluster.instances()) {
                if (!running.contains(name) && !reported.contains(name)) {
                    err.println(name + " stopped. See ./platform logs " + name);
                    reported.add(name);
                }
            }
            if (running.isEmpty()) {
                out.println("Everything has stopped.");
                return;
            }
        }
    }

    private void printUrls(ClusterPlan plan) {
        Topology t = topology();
        out.println();
        out.println("The platform is up (data in " + data + ").");
        List<String> names = plan.instances().stream().map(Instance::name).toList();
        if (names.contains("gateway")) {
            out.println("  Gateway            http://127.0.0.1:" + t.component("gateway").port());
        }
        if (names.contains("identity-provider")) {
            out.println(
                    "  Identity provider  http://127.0.0.1:"
                            + t.component("identity-provider").port()
                            + "/{staff,citizens,partners}  (tokens: ./platform token <persona>)");
        }
        for (Instance i : plan.instances()) {
            Component c = i.component();
            boolean other =
                    (c.kind() == Component.Kind.SERVICE || c.kind() == Component.Kind.LOCAL)
                            && !List.of("gateway", "identity-provider").contains(c.name());
            if (other) {
                out.printf(
                        "  %-18s http://127.0.0.1:%d/actuator/health%n",
                        c.name(), i.actuatorPort());
            }
        }
        if (names.contains("prometheus")) {
            out.println(
                    "  Prometheus         http://127.0.0.1:"
                            + t.component("prometheus").port()
                            + "  (alerts: /alerts, targets: /targets)");
        }
        out.println("  Kafka              127.0.0.1:" + t.component("kafka").port());
        out.println(
                "  PostgreSQL         jdbc:postgresql://127.0.0.1:"
                        + t.component("postgres").port()
                        + "/<db>  (user = password = database name)");
        out.println("  Logs               ./platform logs <component>   Status: ./platform status");
    }

    /** One {@code up} or {@code down} at a time on a data folder. */
    private FileLock lock(ClusterPlan plan) throws IOException {
        FileChannel channel =
                FileChannel.open(
                        plan.runDir().resolve(".lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new ClusterException("Another ./platform up or down is running on " + data + ".");
        }
        return lock;
    }

    // --- down, status, logs, build --------------------------------------------------------------

    private void down() throws IOException {
        ClusterPlan plan = everything();
        if (!Files.isDirectory(plan.runDir())) {
            out.println("Nothing is running (no " + plan.runDir() + ").");
            return;
        }
        FileLock lock = lock(plan);
        try {
            Cluster cluster = Cluster.of(plan).printingTo(out);
            cluster.removeStalePidFiles();
            cluster.down();
        } finally {
            lock.release();
            lock.channel().close();
        }
    }

    private void status() {
        ClusterPlan plan = everything();
        Cluster cluster = Cluster.of(plan).printingTo(out);
        if (Files.isDirectory(plan.runDir())) {
            cluster.removeStalePidFiles();
        }
        cluster.printStatus();
    }

    private void logs(List<String> args) throws IOException, InterruptedException {
        ClusterPlan plan = everything();
        List<String> names =
                new ArrayList<>(plan.instances().stream().map(Instance::name).toList());
        names.add("build");
        if (args.size() != 1 || !names.contains(args.get(0))) {
            throw new IllegalArgumentException(
                    "usage: ./platform logs <component>   (" + String.join(" ", names) + ")");
        }
        List<Path> files =
                args.get(0).equals("build")
                        ? List.of(logs().resolve("build.log"))
                        : Cluster.of(plan).logFiles(args.get(0));
        if (!Files.exists(files.get(0))) {
            throw new ClusterException("No log yet: " + files.get(0));
        }
        List<String> command = new ArrayList<>(List.of("tail", "-n", "100", "-F"));
        files.forEach(f -> command.add(f.toString()));
        System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
    }

    private void build() {
        Build.ensure(root, logs(), Build.jars(everything()), false, false, out, terminal);
    }

    // --- bench, chaos ---------------------------------------------------------------------------

    private static final Map<String, String> BENCHES =
            Map.of(
                    "gateway", "gateway.sh",
                    "cases", "cases.sh",
                    "tracing", "tracing.sh",
                    "content", "content.sh",
                    "analytics", "analytics.sh",
                    "care", "care.sh",
                    "jvm", "jvm-settings.sh",
                    "sap-hr", "sap-hr-first-load.sh");

    /**
     * Every benchmark on a platform of its own: bench/own-platform.sh prepares it and comes back
     * here with PLATFORM_BENCH_PLATFORM set, which runs the benchmark's script.
     */
    private void bench(List<String> args) throws IOException, InterruptedException {
        Path scripts = root.resolve("deploy/local/bench");
        if (System.getenv("PLATFORM_BENCH_PLATFORM") == null
                || System.getenv("PLATFORM_BENCH_PLATFORM").isEmpty()) {
            run(scripts.resolve("own-platform.sh"), args);
        }
        String verb = args.isEmpty() ? "" : args.get(0);
        if (!BENCHES.containsKey(verb)) {
            throw new IllegalArgumentException(
                    "usage: ./platform bench gateway|cases|tracing|content|analytics [events]|sap-hr|care|jvm [configurations]");
        }
        boolean takesArguments = verb.equals("analytics") || verb.equals("jvm");
        run(
                scripts.resolve(BENCHES.get(verb)),
                takesArguments ? args.subList(1, args.size()) : List.of());
    }

    private void chaos(List<String> args) throws Exception {
        String first = args.isEmpty() ? "" : args.get(0);
        switch (first) {
            case "sap" ->
                    run(root.resolve("deploy/local/chaos/sap.sh"), args.subList(1, args.size()));
            case "-h", "--help", "help" ->
                    out.println(
                            "usage: ./platform chaos [--freeze S] [--postgres-down S] [--clients N]"
                                    + " [--interval MS] | chaos sap [fees]");
            default -> {
                // Losing a machine, measured, on the running cluster (README, "Chaos").
                System.setProperty("log4j2.configurationFile", "classpath:chaos-log4j2.xml");
                Chaos.main(args.toArray(String[]::new));
            }
        }
    }

    /**
     * Runs a script with this terminal and exits with its status. On Ctrl-C the script, in the same
     * process group, gets the signal too; this JVM waits for it to finish its clean-up.
     */
    private static void run(Path script, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        process.waitFor();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                }));
        System.exit(process.waitFor());
    }

    // --- topology, help -------------------------------------------------------------------------

    /**
     * The single copy's components, one line each: name, kind, port, management port, health path,
     * database ("-" where there is none). What the container image build (deploy/images/build,
     * bash) reads instead of parsing YAML.
     */
    private void printTopology() {
        out.print(projection(topology()));
    }

    static String projection(Topology topology) {
        StringBuilder lines = new StringBuilder();
        for (Component c : topology.components()) {
            if (c.replicas().single() == 0) {
                continue; // only the cluster mode runs it
            }
            lines.append(
                            String.join(
                                    " ",
                                    c.name(),
                                    c.kind().name().toLowerCase(Locale.ROOT),
                                    String.valueOf(c.port()),
                                    c.managementPort() == 0
                                            ? "-"
                                            : String.valueOf(c.managementPort()),
                                    c.health() == null ? "-" : c.health(),
                                    c.database() == null ? "-" : c.database()))
                    .append('\n');
        }
        return lines.toString();
    }

    String usage() {
        try (InputStream in = Platform.class.getResourceAsStream("/platform-usage.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String components =
                    topology().components().stream()
                            .filter(c -> c.replicas().single() > 0)
                            .filter(c -> c.kind() != Component.Kind.MONITORING)
                            .map(Component::name)
                            .collect(Collectors.joining(" "));
            return text.replace("{components}", components);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- Helpers --------------------------------------------------------------------------------

    private Topology topology() {
        if (topology == null) {
            topology = Topology.load(root.resolve(Topology.DECLARATION));
        }
        return topology;
    }

    private ClusterPlan plan(List<String> components, List<String> monitoring) {
        return ClusterPlan.single(topology(), root, data, components, monitoring);
    }

    /** Every component the single copy may run, monitoring included, installed or not. */
    private ClusterPlan everything() {
        return plan(List.of(), List.copyOf(ClusterPlan.MONITORING_BINARIES.keySet()));
    }

    private Path logs() {
        return data.resolve("logs");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
