package uk.gov.hertfordshire.platform.local.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Makes a {@link ClusterPlan}'s data folder ready before {@link Cluster} starts anything in it: the
 * folders, the marker, Kafka's storage (formatted once), Redis's binary, and the generated broker,
 * nginx and Prometheus configurations ({@link KafkaBrokerConfig}, {@link NginxConfig}, {@link
 * PrometheusConfig}). Safe to run before every start.
 */
final class DataFolder {

    private final ClusterPlan plan;
    private final PrintStream out;

    DataFolder(ClusterPlan plan, PrintStream out) {
        this.plan = plan;
        this.out = out;
    }

    /**
     * Folders, the marker, Kafka's storage (formatted once), Redis's binary, nginx's and
     * Prometheus's configurations.
     */
    void prepare() {
        try {
            Files.createDirectories(plan.runDir());
            Files.createDirectories(plan.logDir());
            if (plan.mode() == ClusterPlan.Mode.CLUSTER) {
                Files.writeString(
                        plan.runDir().resolve(Cluster.MARKER),
                        ProcessHandle.current().pid() + "\n");
            }
            List<Instance> brokers = plan.instancesOf(ClusterPlan.KAFKA);
            if (!brokers.isEmpty()) {
                prepareKafka(brokers);
            }
            if (!plan.instancesOf(ClusterPlan.REDIS).isEmpty()) {
                prepareRedis();
            }
            if (!plan.instancesOf(ClusterPlan.LOAD_BALANCER).isEmpty()) {
                prepareNginx();
            }
            if (!plan.instancesOf(ClusterPlan.PROMETHEUS).isEmpty()) {
                String interval = System.getenv("PLATFORM_PROMETHEUS_INTERVAL");
                Files.writeString(
                        plan.prometheusConfigFile(),
                        PrometheusConfig.text(
                                plan,
                                interval == null || interval.isBlank() ? "15s" : interval.strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void prepareKafka(List<Instance> brokers) throws IOException {
        Path idFile = plan.kafkaClusterIdFile();
        if (!Files.isRegularFile(idFile)) {
            // A broker formatted before the file was lost keeps its id: a new one would make any
            // broker formatted now refuse to join it.
            String formatted = formattedClusterId(plan, brokers);
            Files.writeString(
                    idFile,
                    (formatted != null
                                    ? formatted
                                    : kafkaTool("kafka.tools.StorageTool", "random-uuid").strip())
                            + "\n");
        }
        String clusterId = Files.readString(idFile).strip();
        List<Process> formats = new ArrayList<>();
        for (Instance broker : brokers) {
            Files.createDirectories(plan.kafkaLogDir(broker));
            Files.writeString(plan.kafkaConfig(broker), KafkaBrokerConfig.text(plan, broker));
            if (!Files.isRegularFile(plan.kafkaDataDir(broker).resolve("meta.properties"))) {
                out.printf("  formatting %s's storage (cluster id %s)%n", broker.name(), clusterId);
                formats.add(
                        kafkaToolProcess(
                                plan.log(broker),
                                "kafka.tools.StorageTool",
                                "format",
                                "--ignore-formatted",
                                "-t",
                                clusterId,
                                "-c",
                                plan.kafkaConfig(broker).toString()));
            }
        }
        for (Process format : formats) {
            if (!waitFor(format, Duration.ofMinutes(2)) || format.exitValue() != 0) {
                throw new ClusterException(
                        "formatting Kafka's storage failed; see the kafka-*.log files in "
                                + plan.logDir());
            }
        }
    }

    /** The {@code cluster.id} of the first broker whose storage is already formatted, or null. */
    static String formattedClusterId(ClusterPlan plan, List<Instance> brokers) throws IOException {
        for (Instance broker : brokers) {
            Path meta = plan.kafkaDataDir(broker).resolve("meta.properties");
            if (Files.isRegularFile(meta)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(meta)) {
                    properties.load(in);
                }
                String id = properties.getProperty("cluster.id");
                if (id != null && !id.isBlank()) {
                    return id.strip();
                }
            }
        }
        return null;
    }

    private String kafkaTool(String... args) throws IOException {
        Path output = Files.createTempFile(plan.runDir(), "kafka-tool", ".out");
        try {
            Process p = kafkaToolProcess(output, args);
            if (!waitFor(p, Duration.ofMinutes(2)) || p.exitValue() != 0) {
                throw new ClusterException(
                        "Kafka's "
                                + String.join(" ", args)
                                + " failed: "
                                + Files.readString(output));
            }
            return Files.readString(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private Process kafkaToolProcess(Path output, String... args) throws IOException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx128m",
                                "-XX:TieredStopAtLevel=1",
                                "-XX:+UseSerialGC",
                                "-Dlog4j2.configurationFile=classpath:kafka-log4j2.xml",
                                "-Dkafka.logs.dir=" + plan.logDir().resolve("kafka-tools"),
                                "-cp",
                                plan.launcherClasspath()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }

    /**
     * The redis-server binary the embedded-redis jar carries, unpacked once into the data folder.
     */
    private void prepareRedis() throws IOException {
        Path binary = plan.redisBinary();
        if (Files.isExecutable(binary)) {
            return;
        }
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String resource =
                arch.contains("aarch64") || arch.contains("arm64")
                        ? "/redis-server-6.2.7-linux-arm64"
                        : "/redis-server-6.2.6-v5-linux-amd64";
        try (InputStream in = Cluster.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ClusterException(
                        "no " + resource + " on the class path (embedded-redis)");
            }
            Files.createDirectories(binary.getParent());
            Path temporary = binary.resolveSibling("redis-server.tmp");
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            temporary.toFile().setExecutable(true, true);
            Files.move(
                    temporary,
                    binary,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private void prepareNginx() throws IOException {
        if (!Files.isExecutable(Path.of(ClusterPlan.NGINX))) {
            throw new ClusterException(
                    "the load balancer needs nginx at "
                            + ClusterPlan.NGINX
                            + " (apt-get install nginx-light); it is not there");
        }
        Path prefix = plan.data().resolve("nginx");
        for (String dir : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "logs")) {
            Files.createDirectories(prefix.resolve(dir));
        }
        Files.writeString(plan.nginxConfig(), NginxConfig.text(plan));
    }

    private static boolean waitFor(Process process, Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
