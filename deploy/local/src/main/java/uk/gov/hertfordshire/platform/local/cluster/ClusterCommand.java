package uk.gov.hertfordshire.platform.local.cluster;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * {@code ./platform up --cluster}, and {@code down}, {@code status} and {@code logs <instance>}
 * while a cluster runs: the launcher ({@code Platform}) hands these over with the repository and
 * the data folder as system properties.
 *
 * <pre>
 * java -Dplatform.root=. -Dplatform.data=./data -cp 'deploy/local/target/lib/*:...' \
 *     uk.gov.hertfordshire.platform.local.cluster.ClusterCommand up [--timeout S] [component...]
 * </pre>
 *
 * The cluster's data, logs and PID files live in {@code <data>/cluster}.
 */
public final class ClusterCommand {

    private ClusterCommand() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        Path data =
                Path.of(System.getProperty("platform.data", root.resolve("data").toString()))
                        .toAbsolutePath()
                        .normalize()
                        .resolve("cluster");
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() ? "help" : rest.remove(0);
        try {
            Topology topology = Topology.load(root.resolve(Topology.DECLARATION));
            switch (command) {
                case "up" -> up(topology, root, data, rest, out);
                case "down" -> cluster(topology, root, data, List.of(), out).down();
                case "status" -> cluster(topology, root, data, List.of(), out).printStatus();
                case "logs" -> logs(cluster(topology, root, data, List.of(), out), rest);
                default -> {
                    out.println(
                            "usage: ClusterCommand up [--timeout S] [--parallel N] [component...] | down | status | logs <instance>");
                    System.exit(2);
                }
            }
        } catch (ClusterException e) {
            out.println(e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The cluster of the named components; with none named, every component the cluster mode runs
     * and the monitoring programs installed here (Prometheus, the PostgreSQL exporter).
     */
    private static Cluster cluster(
            Topology topology, Path root, Path data, List<String> components, PrintStream out) {
        List<String> monitoring = components.isEmpty() ? installedMonitoring() : List.of();
        return Cluster.of(ClusterPlan.of(topology, root, data, components, monitoring))
                .printingTo(out);
    }

    /** The monitoring components whose program is on the PATH (Debian's names). */
    public static List<String> installedMonitoring() {
        String path = System.getenv().getOrDefault("PATH", "");
        return ClusterPlan.MONITORING_BINARIES.entrySet().stream()
                .filter(
                        e ->
                                Stream.of(path.split(File.pathSeparator))
                                        .anyMatch(
                                                dir ->
                                                        !dir.isEmpty()
                                                                && Files.isExecutable(
                                                                        Path.of(
                                                                                dir,
                                                                                e.getValue()))))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    private static void up(
            Topology topology, Path root, Path data, List<String> args, PrintStream out) {
        Duration timeout = Duration.ofMinutes(10);
        Integer parallel = null;
        List<String> components = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--cluster", "-d", "--detach" -> {} // the cluster always runs detached
                case "--timeout" -> timeout = Duration.ofSeconds(Long.parseLong(args.get(++i)));
                case "--parallel" -> parallel = Integer.parseInt(args.get(++i));
                default -> components.add(args.get(i));
            }
        }
        Cluster cluster = cluster(topology, root, data, components, out).withTimeout(timeout);
        if (parallel != null) {
            cluster.withParallelism(parallel);
        }
        try {
            cluster.up();
        } catch (ClusterException e) {
            out.println("Start-up failed: " + e.getMessage().lines().findFirst().orElse(""));
            out.println(
                    "What did start keeps running: ./platform status, ./platform logs <instance>, ./platform down.");
            System.exit(1);
        }
        out.println();
        out.println("The cluster is up (data in " + data + ").");
        cluster.plan()
                .instancesOf(ClusterPlan.LOAD_BALANCER)
                .forEach(
                        lb ->
                                out.println(
                                        "  Load balancer      "
                                                + lb.url()
                                                + "  (nginx over every gateway)"));
        cluster.plan()
                .instancesOf(ClusterPlan.PROMETHEUS)
                .forEach(
                        p ->
                                out.println(
                                        "  Prometheus         "
                                                + p.url()
                                                + "  (every replica: /targets)"));
        out.println(
                "  Status             ./platform status   Logs: ./platform logs <instance> (e.g. case-service-2)");
    }

    private static void logs(Cluster cluster, List<String> args) {
        if (args.size() != 1) {
            throw new ClusterException(
                    "usage: ./platform logs <instance>   ("
                            + String.join(" ", cluster.instances())
                            + ")");
        }
        List<String> command = new ArrayList<>(List.of("tail", "-n", "100", "-F"));
        for (Path log : cluster.logFiles(args.get(0))) {
            command.add(log.toString());
        }
        if (!Files.exists(Path.of(command.get(4)))) {
            throw new ClusterException("No log yet: " + command.get(4));
        }
        try {
            System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
        } catch (IOException e) {
            throw new ClusterException("could not run tail: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
