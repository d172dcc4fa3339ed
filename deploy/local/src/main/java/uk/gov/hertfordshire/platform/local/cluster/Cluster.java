package uk.gov.hertfordshire.platform.local.cluster;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import uk.gov.hertfordshire.platform.local.cluster.ClusterPlan.Launch;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The cluster mode on this machine: starts, watches and stops the instances of a {@link
 * ClusterPlan} as detached processes (they outlive this JVM), one PID file and one log each under
 * the cluster's data folder. This is the API the chaos tests use:
 *
 * <pre>{@code
 * Cluster cluster = Cluster.of(Topology.load(), root, data, List.of("load-balancer", "case-service",
 *         "analytics-service"));   // + brokers, PostgreSQL, Redis, identity provider, gateways
 * cluster.up();                    // starts what is not running, returns once all are healthy
 * long pid = cluster.pid("case-service-2").orElseThrow();   // kill -9 it ...
 * cluster.start("case-service-2"); // ... and bring it back
 * cluster.down();
 * }</pre>
 *
 * <p>Instances are named {@code <component>-<replica>} ({@link Instance}); their ports follow the
 * topology's cluster rule ({@code Topology.clusterPort}). Every method is safe to call again:
 * {@link #up()} starts only what is missing, {@link #down()} stops only what runs.
 */
public final class Cluster {

    /** The marker {@code ./platform} looks for to send down, status and logs here. */
    static final String MARKER = "cluster.running";

    /**
     * Whether a cluster runs on the data folder {@code ./platform} uses ({@code $PLATFORM_DATA};
     * the cluster's own data is its {@code cluster} folder): its marker is there from {@code up
     * --cluster} until {@code down}.
     */
    public static boolean runsOn(Path platformData) {
        return Files.exists(platformData.resolve("cluster").resolve("run").resolve(MARKER));
    }

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ARCHIVE_STOP_TIMEOUT = Duration.ofSeconds(180);
    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ClusterPlan plan;
    private final PrintStream out;
    // What this JVM started: ours for certain, even in the moment before the spawn helper and
    // setsid have exec'd the program and /proc shows its command line.
    private final Map<String, Process> launched = new java.util.concurrent.ConcurrentHashMap<>();
    // Extractions of applications' jars started by up(), by instance (ADR 47).
    private final Map<String, Process> extracting = new java.util.concurrent.ConcurrentHashMap<>();
    // The settings applications are launched with (PLATFORM_JVM_OPTS*, PLATFORM_CDS).
    private Map<String, String> environment = System.getenv();
    private Duration timeout = Duration.ofMinutes(10);
    private Duration instanceTimeout = null;
    private int parallel = defaultParallel();
    private boolean terminal = false;
    // Set when the launcher is stopping everything (Ctrl-C on a foreground up): start nothing more.
    private volatile boolean stopping = false;

    private Cluster(ClusterPlan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
    }

    /**
     * A cluster of the named components and what they need (all the cluster mode runs when none are
     * named), with its data under {@code data}.
     *
     * @param topology the declaration ({@code Topology.load()})
     * @param root the repository, whose built jars are run
     * @param data the cluster's own data folder (./platform uses {@code $PLATFORM_DATA/cluster})
     * @param components component names, e.g. {@code case-service}; empty for all
     */
    public static Cluster of(
            Topology topology, Path root, Path data, Collection<String> components) {
        return new Cluster(ClusterPlan.of(topology, root, data, components), System.out);
    }

    /**
     * A cluster of the plan ({@link ClusterPlan#of(Topology, Path, Path, Collection, Collection)}).
     */
    public static Cluster of(ClusterPlan plan) {
        return new Cluster(plan, System.out);
    }

    /** Progress lines go here (standard output by default). */
    public Cluster printingTo(PrintStream stream) {
        Cluster copy = new Cluster(plan, stream).withTimeout(timeout).withParallelism(parallel);
        copy.instanceTimeout = instanceTimeout;
        copy.terminal = terminal;
        copy.environment = environment;
        return copy;
    }

    /** Launches with these settings rather than this shell's: for tests. */
    Cluster withEnvironment(Map<String, String> settings) {
        this.environment = settings;
        return this;
    }

    /**
     * The time each instance may take to become healthy, counted from its own start ({@code
     * PLATFORM_TIMEOUT} in the single mode); none by default, only the overall time-out.
     */
    public Cluster withInstanceTimeout(Duration each) {
        this.instanceTimeout = each;
        return this;
    }

    /**
     * Whether the output is a terminal: progress is then one line that updates in place; on
     * anything else it is plain lines.
     */
    public Cluster onTerminal(boolean tty) {
        this.terminal = tty;
        return this;
    }

    /** The overall time {@link #up()} may take (10 minutes by default). */
    public Cluster withTimeout(Duration overall) {
        this.timeout = overall;
        return this;
    }

    /** How many application JVMs start at once (PLATFORM_CLUSTER_PARALLEL, default 3). */
    public Cluster withParallelism(int jvms) {
        this.parallel = jvms <= 0 ? Integer.MAX_VALUE : jvms;
        return this;
    }

    private static int defaultParallel() {
        String value = System.getenv("PLATFORM_CLUSTER_PARALLEL");
        return value == null || value.isBlank() ? 3 : Integer.parseInt(value.strip());
    }

    /** The plan: every instance, its ports, commands and configuration. */
    public ClusterPlan plan() {
        return plan;
    }

    /** Every instance's name, in start order. */
    public List<String> instances() {
        return plan.instances().stream().map(Instance::name).toList();
    }

    /** The instance's PID while it runs (a PID file naming a live process that is ours). */
    public OptionalLong pid(String instance) {
        return pid(plan.instance(instance));
    }

    /** Whether the instance runs and answers its health check. */
    public boolean healthy(String instance) {
        Instance i = plan.instance(instance);
        OptionalLong pid = pid(i);
        return pid.isPresent() && Health.check(plan, i, pid.getAsLong());
    }

    // --- Up -------------------------------------------------------------------------------------

    /**
     * Starts every instance that is not running, infrastructure first, then the rest as their
     * dependencies become healthy, at most {@link #withParallelism} application JVMs starting at a
     * time; returns once every instance is healthy.
     *
     * @throws ClusterException when one exits or is not healthy in time (its log tail printed);
     *     what did start keeps running, extractions of jars not yet launched are stopped
     */
    public void up() {
        try {
            startAll();
        } catch (RuntimeException e) {
            // No launch will wait for them (ADR 47); the next up starts them afresh.
            extracting.values().forEach(Process::destroyForcibly);
            extracting.clear();
            throw e;
        }
    }

    private void startAll() {
        long started = System.nanoTime();
        out.printf("Starting the %s (data in %s)%n", plan.label(), plan.data());
        new DataFolder(plan, out).prepare();
        removeStalePidFiles();
        startExtractions();
        Map<Instance, Long> starting = new LinkedHashMap<>();
        Set<Instance> adopted = new HashSet<>();
        Set<Instance> healthy = new HashSet<>();
        List<Instance> waiting = new ArrayList<>(plan.instances());
        for (Instance i : plan.instances()) {
            OptionalLong pid = pid(i);
            if (pid.isPresent() && Health.check(plan, i, pid.getAsLong())) {
                out.printf(
                        "  %-22s already running     pid %-7d %s%n",
                        i.name(), pid.getAsLong(), endpoint(i));
                healthy.add(i);
                waiting.remove(i);
            } else if (pid.isPresent()) {
                starting.put(i, System.nanoTime()); // adopted: started earlier, not healthy yet
                adopted.add(i);
                waiting.remove(i);
            }
        }
        long deadline = started + timeout.toNanos();
        Progress progress = new Progress(out, terminal);
        while (!waiting.isEmpty() || !starting.isEmpty()) {
            if (stopping) {
                throw new ClusterException("interrupted");
            }
            for (Instance i : List.copyOf(waiting)) {
                boolean ready = healthy.containsAll(plan.startAfter(i));
                boolean slot =
                        ClusterPlan.isInfrastructure(i)
                                || applicationsStarting(starting) < parallel;
                if (ready && slot) {
                    progress.clear();
                    launch(i);
                    starting.put(i, System.nanoTime());
                    waiting.remove(i);
                }
            }
            for (Map.Entry<Instance, Long> e : List.copyOf(starting.entrySet())) {
                Instance i = e.getKey();
                OptionalLong pid = pid(i);
                if (pid.isEmpty() && adopted.remove(i)) {
                    // It was running, not healthy, when we came, and has died since: afresh.
                    progress.clear();
                    out.printf("  %s was running but has exited; starting it again%n", i.name());
                    launch(i);
                    starting.put(i, System.nanoTime());
                    continue;
                }
                if (pid.isEmpty()) {
                    progress.clear();
                    out.printf("  %-22s exited during start-up%n", i.name());
                    dropMappedArchive(i);
                    fail(i, "exited during start-up");
                }
                if (instanceTimeout != null
                        && System.nanoTime() - e.getValue() > instanceTimeout.toNanos()) {
                    progress.clear();
                    fail(
                            i,
                            "not healthy after "
                                    + instanceTimeout.toSeconds()
                                    + " s (PLATFORM_TIMEOUT)");
                }
                if (Health.check(plan, i, pid.getAsLong())) {
                    progress.clear();
                    out.printf(
                            "  %-22s healthy in %5.1f s  pid %-7d %s%n",
                            i.name(),
                            (System.nanoTime() - e.getValue()) / 1e9,
                            pid.getAsLong(),
                            endpoint(i));
                    starting.remove(i);
                    healthy.add(i);
                }
            }
            if (System.nanoTime() > deadline) {
                progress.clear();
                Instance late =
                        starting.isEmpty() ? waiting.get(0) : starting.keySet().iterator().next();
                fail(
                        late,
                        "not healthy after " + timeout.toSeconds() + " s (the overall time-out)");
            }
            progress.waitingFor(
                    Stream.concat(starting.keySet().stream(), waiting.stream())
                            .map(Instance::name)
                            .toList(),
                    started);
            pause(Duration.ofMillis(250));
        }
        progress.clear();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (plan.mode() == ClusterPlan.Mode.SINGLE) {
            out.printf("  all healthy in %.1f s%n", seconds); // as bench/jvm-settings.sh reads it
        } else {
            out.printf("  all %d instances healthy in %.1f s%n", healthy.size(), seconds);
        }
    }

    /**
     * Brings one instance back (after a kill, say) if it is not running, and waits until it is
     * healthy. Its dependencies are expected to run.
     */
    public void start(String instance) {
        Instance i = plan.instance(instance);
        new DataFolder(plan, out).prepare();
        if (pid(i).isEmpty()) {
            launch(i);
        }
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            OptionalLong pid = pid(i);
            if (pid.isEmpty()) {
                dropMappedArchive(i);
                fail(i, "exited during start-up");
            }
            if (Health.check(plan, i, pid.getAsLong())) {
                out.printf(
                        "  %-22s healthy in %5.1f s  pid %-7d %s%n",
                        i.name(),
                        (System.nanoTime() - started) / 1e9,
                        pid.getAsLong(),
                        endpoint(i));
                return;
            }
            if (System.nanoTime() > deadline) {
                fail(i, "not healthy after " + timeout.toSeconds() + " s");
            }
            pause(Duration.ofMillis(250));
        }
    }

    /**
     * Starts extracting, all at once and while the infrastructure starts, the jars of the
     * applications that will be launched and whose extraction is missing or older than their jar
     * (ADR 47); each launch waits for its own.
     */
    private void startExtractions() {
        List<String> names = new ArrayList<>();
        for (Instance i : plan.instances()) {
            Optional<ClassData> classData = plan.classData(i, environment);
            if (classData.isPresent()
                    && pid(i).isEmpty()
                    && !extracting.containsKey(i.name())
                    && !classData.get().extractionCurrent()
                    && Files.isRegularFile(classData.get().jar())) {
                extracting.put(i.name(), classData.get().startExtraction());
                names.add(i.name());
            }
        }
        if (!names.isEmpty()) {
            out.printf("  extracting the jars of %s%n", String.join(" ", names));
        }
    }

    /**
     * An application's extracted jar brought up to date, and its class data archive checked: an
     * archive made with another JDK, other options or another build is deleted and this start
     * writes a new one when it stops (ADR 47).
     */
    private void prepareClassData(Instance instance) {
        Optional<ClassData> found = plan.classData(instance, environment);
        if (found.isEmpty()) {
            return;
        }
        ClassData classData = found.get();
        Process extraction = extracting.remove(instance.name());
        if (extraction != null) {
            classData.finish(extraction);
        } else if (!classData.extractionCurrent()) {
            out.printf("  extracting the jar of %s%n", instance.name());
            classData.finish(classData.startExtraction());
        }
        classData.beforeStart();
    }

    /**
     * An application that died during start-up with its class data archive mapped: the archive
     * goes, so the next start writes a new one (a JDK 17 JVM crashes on an archive cut short, ADR
     * 47).
     */
    private void dropMappedArchive(Instance instance) {
        plan.classData(instance, environment).ifPresent(ClassData::afterFailedStart);
    }

    private int applicationsStarting(Map<Instance, Long> starting) {
        return (int)
                starting.keySet().stream().filter(i -> !ClusterPlan.isInfrastructure(i)).count();
    }

    private void fail(Instance instance, String why) {
        String tail = logTail(instance, 25);
        out.printf("  %s %s%n%s", instance.name(), why, tail);
        throw new ClusterException(
                instance.name() + " " + why + "; log: " + plan.log(instance) + "\n" + tail);
    }

    /** Starts the instance detached: a session of its own, output to its log, PID recorded. */
    private void launch(Instance instance) {
        for (int port :
                List.of(
                        instance.port(),
                        instance.managementPort(),
                        instance.controllerPort(),
                        instance.metricsPort())) {
            if (Health.portInUse(port)) {
                throw new ClusterException(
                        instance.name()
                                + ": port "
                                + port
                                + " is already in use; stop that program first"
                                + " (./platform down stops a single-copy platform)");
            }
        }
        try {
            if (instance.componentName().equals(ClusterPlan.POSTGRES)) {
                stopOrphanedPostmaster();
            }
            prepareClassData(instance);
            Launch launch = plan.launch(instance, environment);
            Path log = launch.log();
            Files.writeString(
                    log,
                    "\n===== "
                            + LocalDateTime.now().format(CLOCK)
                            + ": starting "
                            + instance.name()
                            + " =====\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>();
            command.add("setsid"); // its own session: the launcher's Ctrl-C does not reach it
            command.addAll(launch.command());
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(plan.data().toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(launch.environment());
            Process process = builder.start();
            Files.writeString(plan.pidFile(instance), process.pid() + "\n");
            launched.put(instance.name(), process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + instance.name(), e);
        }
    }

    /** A postmaster left running by a killed supervisor: fast shutdown, so the new one owns it. */
    private void stopOrphanedPostmaster() throws IOException {
        Path pidFile = plan.data().resolve("postgres/postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
        if (!first.matches("\\d+")) {
            return;
        }
        long pid = Long.parseLong(first);
        if (Processes.commandLine(pid).contains(plan.data().resolve("postgres").toString())) {
            out.printf("  stopping the postmaster (pid %d) left by a killed supervisor%n", pid);
            Processes.signal(pid, "INT");
            if (!Processes.waitGone(List.of(pid), STOP_TIMEOUT)) {
                Processes.signal(pid, "KILL");
            }
        }
    }

    // --- Down -----------------------------------------------------------------------------------

    /**
     * Stops every instance that runs: SIGTERM, then SIGKILL after 30 s (180 s while JVMs write
     * their class data archives, ADR 47). Services first (the gateways, the stand-ins), then Kafka,
     * Redis, nginx and PostgreSQL last. Data is kept.
     */
    public void down() {
        out.println("Stopping the " + plan.label());
        List<List<Instance>> tiers = new ArrayList<>();
        tiers.add(
                plan.instances().stream()
                        .filter(
                                i ->
                                        !ClusterPlan.isInfrastructure(i)
                                                && !i.componentName()
                                                        .equals(ClusterPlan.LOAD_BALANCER))
                        .toList());
        for (String component :
                List.of(
                        ClusterPlan.KAFKA,
                        ClusterPlan.REDIS,
                        ClusterPlan.LOAD_BALANCER,
                        ClusterPlan.POSTGRES)) {
            tiers.add(plan.instancesOf(component));
        }
        for (List<Instance> tier : tiers) {
            stop(tier);
        }
        try {
            // A postmaster without its supervisor (supervisor killed, or its stop timed out).
            stopOrphanedPostmaster();
            Files.deleteIfExists(plan.runDir().resolve(MARKER));
            Files.deleteIfExists(plan.runDir().resolve("postgres.ready"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.printf(
                "Stopped. Data kept in %s (reset: ./platform down && rm -rf %s)%n",
                plan.data(), plan.data());
    }

    /** From now on {@link #up()} starts nothing more and fails: the launcher is stopping all. */
    public void stopStarting() {
        stopping = true;
    }

    /**
     * Removes the PID files whose process is gone (after a crash, a {@code kill -9} or a reboot),
     * and PostgreSQL's ready file with its supervisor's.
     */
    public void removeStalePidFiles() {
        try {
            for (Instance i : plan.instances()) {
                if (Files.exists(plan.pidFile(i)) && pid(i).isEmpty()) {
                    Files.deleteIfExists(plan.pidFile(i));
                }
            }
            boolean postgresRuns =
                    plan.instancesOf(ClusterPlan.POSTGRES).stream()
                            .anyMatch(i -> pid(i).isPresent());
            if (!postgresRuns) {
                Files.deleteIfExists(plan.runDir().resolve("postgres.ready"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether any instance of the plan runs, for a foreground {@code up} that ends when everything
     * has been stopped (by {@code ./platform down} from another terminal, say).
     */
    public List<String> running() {
        return plan.instances().stream()
                .filter(i -> pid(i).isPresent())
                .map(Instance::name)
                .toList();
    }

    /**
     * Stops the named instance (SIGTERM, SIGKILL after 30 s, or 180 s while JVMs write class data
     * archives) if it runs.
     */
    public void stop(String instance) {
        stop(List.of(plan.instance(instance)));
    }

    private void stop(List<Instance> instances) {
        List<Long> pids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<Instance, Long> stopped = new LinkedHashMap<>();
        // Which JVMs were started to write a class data archive, from their own command lines,
        // and are healthy now: only their archives can be sealed (ADR 47).
        Set<Instance> writing = new HashSet<>();
        Set<Instance> healthy = new HashSet<>();
        for (Instance i : instances) {
            OptionalLong pid = pid(i);
            if (pid.isPresent()) {
                pids.add(pid.getAsLong());
                names.add(i.name());
                stopped.put(i, pid.getAsLong());
                String commandLine = Processes.commandLine(pid.getAsLong());
                plan.classData(i, Map.of())
                        .filter(d -> commandLine.contains(d.writingOption()))
                        .ifPresent(d -> writing.add(i));
                if (writing.contains(i) && Health.check(plan, i, pid.getAsLong())) {
                    healthy.add(i);
                }
            }
            launched.remove(i.name());
            try {
                Files.deleteIfExists(plan.pidFile(i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (pids.isEmpty()) {
            return;
        }
        // Once every health check has been asked: one instance's going could fail another's.
        pids.forEach(pid -> Processes.signal(pid, "TERM"));
        long started = System.nanoTime();
        Set<Long> killed = new HashSet<>();
        // A JVM started without a class data archive writes one on its way out: with six or more
        // doing so at once on two cores that took more than 30 s (jvm-settings.md run 6).
        boolean archiving = !writing.isEmpty();
        Duration limit = archiving ? ARCHIVE_STOP_TIMEOUT : STOP_TIMEOUT;
        if (archiving) {
            out.println(
                    "  writing class data archives on the way out (the first stop after a build,"
                            + " ADR 47)");
        }
        if (!Processes.waitGone(pids, limit)) {
            out.printf(
                    "  still running after %d s, killing: %s%n",
                    limit.toSeconds(), String.join(" ", names));
            pids.stream().filter(pid -> !Processes.exited(pid)).forEach(killed::add);
            killed.forEach(pid -> Processes.signal(pid, "KILL"));
            Processes.waitGone(pids, Duration.ofSeconds(5));
        }
        out.printf(
                "  stopped %s in %.1f s%n",
                String.join(" ", names), (System.nanoTime() - started) / 1e9);
        // Each JVM's archive (ADR 47): a failed dump recorded first, so that key is not asked
        // again, then the archive sealed or deleted. The paths alone matter here, not this
        // shell's settings: Map.of().
        for (Map.Entry<Instance, Long> e : stopped.entrySet()) {
            boolean wasKilled = killed.contains(e.getValue());
            boolean wasWriting = writing.contains(e.getKey());
            boolean wasHealthy = healthy.contains(e.getKey());
            plan.classData(e.getKey(), Map.of())
                    .ifPresent(
                            d -> {
                                if (d.noteDumpFailed(wasKilled, wasWriting, wasHealthy)) {
                                    out.printf(
                                            "  %s wrote no class data archive (its log says why);"
                                                    + " it starts without one until its jar, the"
                                                    + " JDK or its options change%n",
                                            e.getKey().name());
                                }
                                d.afterStop(wasKilled, wasWriting, wasHealthy);
                            });
        }
    }

    // --- Status ---------------------------------------------------------------------------------

    /** Every instance's state ({@link ClusterStatus}). */
    public List<ClusterStatus.Row> status() {
        return new ClusterStatus(this, plan, out).status();
    }

    /** Prints the status table with the total resident memory ({@link ClusterStatus}). */
    public void printStatus() {
        new ClusterStatus(this, plan, out).print();
    }

    // --- Helpers --------------------------------------------------------------------------------

    OptionalLong pid(Instance instance) {
        Process child = launched.get(instance.name());
        if (child != null) {
            return child.isAlive() ? OptionalLong.of(child.pid()) : OptionalLong.empty();
        }
        Path file = plan.pidFile(instance);
        try {
            if (!Files.isRegularFile(file)) {
                return OptionalLong.empty();
            }
            String text = Files.readString(file).strip();
            if (!text.matches("\\d+")) {
                return OptionalLong.empty();
            }
            long pid = Long.parseLong(text);
            String marker = plan.launch(instance).marker();
            return Processes.runningAndOurs(pid, marker)
                    ? OptionalLong.of(pid)
                    : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    String endpoint(Instance i) {
        return switch (i.componentName()) {
            case ClusterPlan.POSTGRES -> "jdbc:postgresql://127.0.0.1:" + i.port() + "/<db>";
            case ClusterPlan.KAFKA, ClusterPlan.REDIS -> "127.0.0.1:" + i.port();
            default -> i.url();
        };
    }

    /** The last lines of the instance's log (and Kafka's own log for a broker). */
    String logTail(Instance instance, int lines) {
        StringBuilder tail = new StringBuilder();
        List<Path> logs = new ArrayList<>(List.of(plan.log(instance)));
        if (instance.componentName().equals(ClusterPlan.KAFKA)) {
            logs.add(plan.kafkaLogDir(instance).resolve("kafka.log"));
        }
        if (instance.componentName().equals(ClusterPlan.LOAD_BALANCER)) {
            logs.add(plan.logDir().resolve("load-balancer.error.log"));
        }
        for (Path log : logs) {
            if (!Files.isRegularFile(log)) {
                continue;
            }
            try (Stream<String> all = Files.lines(log, StandardCharsets.UTF_8)) {
                List<String> text = all.toList();
                tail.append("--- last ")
                        .append(lines)
                        .append(" lines of ")
                        .append(log)
                        .append(" ---\n");
                text.subList(Math.max(0, text.size() - lines), text.size())
                        .forEach(l -> tail.append(l).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                tail.append("(could not read ").append(log).append(")\n");
            }
        }
        return tail.toString();
    }

    /** Log files of an instance, for ./platform logs. */
    public List<Path> logFiles(String instance) {
        Instance i = plan.instance(instance);
        List<Path> logs = new ArrayList<>(List.of(plan.log(i)));
        if (i.componentName().equals(ClusterPlan.KAFKA)) {
            logs.add(plan.kafkaLogDir(i).resolve("kafka.log"));
        }
        return logs;
    }

    /** Waits between polls; an interrupt ends the wait with a ClusterException. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis()); // sleep-ok: polling processes' health between checks
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted");
        }
    }
}
