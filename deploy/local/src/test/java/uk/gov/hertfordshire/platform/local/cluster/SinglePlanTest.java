package uk.gov.hertfordshire.platform.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The single copy's plan ({@code ./platform up}), from the real deploy/topology.yaml: one of each
 * component on the ports deploy/local/README.md has always given them, with the files where the
 * bench scripts, the end-to-end tests and users look for them.
 */
class SinglePlanTest {

    private static final Topology TOPOLOGY = Topology.load();
    private static final Path DATA = Path.of("/tmp/platform-data");

    private static ClusterPlan single(List<String> components, List<String> monitoring) {
        return ClusterPlan.single(TOPOLOGY, Path.of("/repo"), DATA, components, monitoring);
    }

    private static ClusterPlan all() {
        return single(List.of(), List.of());
    }

    private static List<String> names(List<Instance> instances) {
        return instances.stream().map(Instance::name).toList();
    }

    @Test
    void oneOfEachComponentOnItsDeclaredPortsWithoutRedisOrALoadBalancer() {
        ClusterPlan plan = all();

        Map<String, Integer> ports = new LinkedHashMap<>();
        plan.instances().forEach(i -> ports.put(i.name(), i.port()));
        // The README's table, in start-up order.
        assertThat(ports)
                .containsExactly(
                        Map.entry("postgres", 5433),
                        Map.entry("kafka", 9092),
                        Map.entry("identity-provider", 9000),
                        Map.entry("gateway", 8080),
                        Map.entry("case-service", 8081),
                        Map.entry("content-service", 8082),
                        Map.entry("care-service", 8083),
                        Map.entry("sap-adapter", 8084),
                        Map.entry("analytics-service", 8085),
                        Map.entry("sap-simulator", 8090),
                        Map.entry("govuk-pay-stand-in", 8091));
        assertThat(plan.instances()).allSatisfy(i -> assertThat(i.replica()).isEqualTo(1));
        assertThat(plan.instance("gateway").managementPort()).isEqualTo(9080);
        assertThat(plan.instance("kafka").controllerPort()).isEqualTo(9093);
        assertThat(plan.instance("kafka").metricsPort()).isEqualTo(9404);
    }

    @Test
    void monitoringIsPlannedOnlyWhenAskedFor() {
        ClusterPlan plan = single(List.of(), List.of("prometheus", "postgres-exporter"));

        assertThat(plan.instance("prometheus").port()).isEqualTo(9090);
        assertThat(plan.instance("postgres-exporter").port()).isEqualTo(9187);
        assertThat(names(all().instances())).doesNotContain("prometheus", "postgres-exporter");
    }

    @Test
    void filesAreWhereTheyHaveAlwaysBeenDirectlyInTheDataFolder() {
        ClusterPlan plan = all();
        Instance kafka = plan.instance("kafka");

        assertThat(plan.pidFile(plan.instance("gateway")))
                .isEqualTo(DATA.resolve("run/gateway.pid"));
        assertThat(plan.pidFile(kafka)).isEqualTo(DATA.resolve("run/kafka.pid"));
        assertThat(plan.log(plan.instance("case-service")))
                .isEqualTo(DATA.resolve("logs/case-service.log"));
        // The broker's own log is logs/kafka.log; its standard output goes beside it.
        assertThat(plan.log(kafka)).isEqualTo(DATA.resolve("logs/kafka.stdout.log"));
        assertThat(plan.kafkaLogDir(kafka)).isEqualTo(DATA.resolve("logs"));
        assertThat(plan.kafkaConfig(kafka)).isEqualTo(DATA.resolve("run/kafka.properties"));
        assertThat(plan.kafkaClusterIdFile()).isEqualTo(DATA.resolve("kafka-cluster-id"));
    }

    @Test
    void theOneBrokerIsItsOwnControllerWithTheSingleReplication() {
        ClusterPlan plan = all();

        assertThat(KafkaBrokerConfig.text(plan, plan.instance("kafka")))
                .contains(
                        "process.roles=broker,controller",
                        "node.id=1\n",
                        "controller.quorum.voters=1@127.0.0.1:9093\n",
                        "listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093\n",
                        "log.dirs=" + DATA.resolve("kafka") + "\n",
                        "auto.create.topics.enable=false",
                        "default.replication.factor=1\n",
                        "min.insync.replicas=1\n",
                        "offsets.topic.replication.factor=1\n",
                        "transaction.state.log.min.isr=1\n");
    }

    @Test
    void servicesTalkToTheOneBrokerAndPostgresAndDeclareTopicsWithOneReplica() {
        ClusterPlan plan = all();
        Map<String, String> cases = plan.launch(plan.instance("case-service")).environment();
        Map<String, String> care = plan.launch(plan.instance("care-service")).environment();

        assertThat(cases)
                .containsEntry("SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("SERVER_PORT", "8081")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("PLATFORM_SUPPORT_TOPICS_PARTITIONS", "3")
                .containsEntry("PLATFORM_SUPPORT_TOPICS_REPLICATION_FACTOR", "1")
                .containsEntry("PLATFORM_SUPPORT_TOPICS_MIN_IN_SYNC_REPLICAS", "1")
                .containsEntry(
                        "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5433/case_service")
                .containsEntry("SPRING_DATASOURCE_PASSWORD", "case_service");
        // One copy: each service's own consumer concurrency (analytics-service's application.yml).
        assertThat(plan.launch(plan.instance("analytics-service")).environment())
                .doesNotContainKey("PLATFORM_SUPPORT_CONSUMER_CONCURRENCY");
        assertThat(care)
                .containsEntry("SPRING_DATASOURCE_USERNAME", "care_service_app")
                .containsEntry("SPRING_FLYWAY_USER", "care_service")
                .containsEntry(
                        "PLATFORM_CARE_KEYS_FILE",
                        DATA.resolve("care-service/keys.properties").toString());
        // Run from the jar as extracted into the data folder (ADR 47), named as the build names it.
        assertThat(plan.launch(plan.instance("case-service"), Map.of()).command())
                .contains(
                        "-Dplatform.component=case-service",
                        "-jar",
                        DATA.resolve("apps/case-service/case-service-0.1.0-SNAPSHOT.jar")
                                .toString(),
                        "--spring.profiles.active=local");
        // The stand-ins are not Spring applications: their built jars, as before.
        assertThat(plan.launch(plan.instance("sap-simulator")).command())
                .contains(
                        "/repo/deploy/sap-simulator/target/sap-simulator-0.1.0-SNAPSHOT-exec.jar");
        assertThat(plan.launch(plan.instance("identity-provider")).command())
                .contains("--platform.identity.key-directory=" + DATA.resolve("identity"));
    }

    @Test
    void theGatewayServesOn8080ItselfWithEveryServiceOnceAndNoSharedBuckets() {
        ClusterPlan plan = all();
        ClusterPlan.Launch gateway = plan.launch(plan.instance("gateway"));

        assertThat(gateway.environment())
                .containsEntry("SERVER_PORT", "8080")
                .containsEntry("MANAGEMENT_SERVER_PORT", "9080");
        assertThat(gateway.command())
                .contains(
                        "--platform.services.case-service=http://127.0.0.1:8081",
                        "--platform.services.analytics-service=http://127.0.0.1:8085")
                .noneMatch(arg -> arg.startsWith("--platform.limits.redis-uri"))
                .noneMatch(arg -> arg.startsWith("--platform.limits.trusted-proxies"));
    }

    @Test
    void applicationsStartTogetherOnceTheInfrastructureTheyUseIsHealthy() {
        ClusterPlan plan = single(List.of(), List.of("prometheus", "postgres-exporter"));

        assertThat(names(plan.startAfter(plan.instance("case-service"))))
                .containsExactly("postgres", "kafka"); // not the identity provider, not GOV.UK Pay
        // Its catalogue cache follows cases.events (ADR 42); the services it routes to it need not.
        assertThat(names(plan.startAfter(plan.instance("gateway")))).containsExactly("kafka");
        assertThat(names(plan.startAfter(plan.instance("identity-provider")))).isEmpty();
        assertThat(names(plan.startAfter(plan.instance("postgres-exporter"))))
                .containsExactly("postgres");
        assertThat(names(plan.startAfter(plan.instance("kafka")))).isEmpty();
    }

    @Test
    void aComponentComesWithWhatItDependsOn() {
        ClusterPlan plan = single(List.of("case-service"), List.of());

        assertThat(names(plan.instances()))
                .containsExactly(
                        "postgres",
                        "kafka",
                        "identity-provider",
                        "case-service",
                        "govuk-pay-stand-in");
    }

    @Test
    void whatOnlyTheClusterRunsIsRefusedHere() {
        assertThatThrownBy(() -> single(List.of("redis"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis does not run in the single mode");
        assertThatThrownBy(() -> single(List.of("load-balancer"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        // The cluster runs both.
        assertThat(
                        names(
                                ClusterPlan.of(
                                                TOPOLOGY,
                                                Path.of("/repo"),
                                                DATA,
                                                List.of("redis", "load-balancer"))
                                        .instances()))
                .contains("redis-1", "load-balancer-1");
    }

    @Test
    void prometheusScrapesEachComponentAsAJobOfItsName() {
        ClusterPlan plan = single(List.of(), List.of("prometheus", "postgres-exporter"));
        String config = PrometheusConfig.text(plan, "2s");

        assertThat(config)
                .contains("scrape_interval: 2s", "environment: local\n")
                .contains("- job_name: kafka\n    metrics_path: /metrics")
                .contains("targets: [\"127.0.0.1:9404\"]")
                .contains("- job_name: gateway\n    metrics_path: /actuator/prometheus")
                .contains("targets: [\"127.0.0.1:9080\"]")
                .contains("- job_name: postgres\n    metrics_path: /metrics")
                .contains("targets: [\"127.0.0.1:9187\"]")
                .contains("rule_files:\n  - /repo/deploy/monitoring/rules/*.yml");
    }

    @Test
    void everyServiceRunsC1OnlyLocallyUnlessItsOwnOptionsSayOtherwise() {
        // ADR 43: production's compiler for the gateway is one variable away; the JVM takes the
        // last TieredStopAtLevel.
        for (String service :
                List.of(
                        "gateway",
                        "case-service",
                        "content-service",
                        "care-service",
                        "sap-adapter",
                        "analytics-service")) {
            assertThat(ClusterPlan.jvmOptions(service, Map.of()))
                    .isEqualTo(ClusterPlan.DEFAULT_JVM_OPTS)
                    .endsWith("-XX:TieredStopAtLevel=1");
        }
        assertThat(
                        ClusterPlan.jvmOptions(
                                "gateway",
                                Map.of(
                                        "PLATFORM_JVM_OPTS_GATEWAY",
                                        ClusterPlan.PRODUCTION_COMPILER)))
                .isEqualTo(ClusterPlan.DEFAULT_JVM_OPTS + " -XX:TieredStopAtLevel=4");
        List<String> gateway = all().launch(all().instance("gateway"), Map.of()).command();
        assertThat(gateway).contains("-XX:TieredStopAtLevel=1");
        assertThat(gateway).doesNotContain("-XX:TieredStopAtLevel=4");
    }

    @Test
    void everyServiceHeapStartsSmallAndGivesBackWhatABurstLeftFree() {
        // ADR 46: without -Xms the JVM starts the heap at 1/64 of the machine's memory (the whole
        // 256 MB on 16 GB or more) and keeps a young generation of ~85 MB resident in every
        // service; with it the nine components settled ~500 MB smaller (jvm-settings.md run 5).
        for (String service : List.of("gateway", "case-service", "analytics-service")) {
            List<String> command = all().launch(all().instance(service), Map.of()).command();
            assertThat(command)
                    .contains(
                            "-Xms32m",
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-XX:MaxHeapFreeRatio=40",
                            "-XX:MinHeapFreeRatio=20",
                            "-XX:TieredStopAtLevel=1");
            assertThat(command.stream().filter(o -> o.startsWith("-Xms"))).hasSize(1);
        }
    }

    @Test
    void theSingleBrokerRunsASmallGrowingHeapAndC1Only() {
        // ADR 46: the broker held 420-513 MB with -Xms256m -Xmx512m and C2, the largest of the
        // nine components; a single KRaft broker with the platform's few topics needs far less.
        List<String> kafka = all().launch(all().instance("kafka")).command();
        assertThat(kafka)
                .contains(
                        "-Xms32m",
                        "-Xmx256m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:MaxMetaspaceSize=128m",
                        "-XX:ReservedCodeCacheSize=48m")
                .doesNotContain("-Xms256m", "-Xmx512m");
    }

    @Test
    void theSingleBrokersLogCleanerLeavesMostOfItsHeapToTheWork() throws IOException {
        // ADR 46's amendment: Kafka keeps the log cleaner's map on the heap, 128 MB by default,
        // half of -Xmx256m; the broker then ran full collections of 90-265 ms every few seconds
        // under submissions, the tail of submission-to-Kafka. Read back by Kafka's own parser, as
        // the broker reads it, against the heap the single broker's default options give it.
        ClusterPlan plan = all();
        Instance kafka = plan.instance("kafka");
        long heap =
                Arrays.stream(ClusterPlan.DEFAULT_SINGLE_KAFKA_JVM_OPTS.split(" "))
                        .filter(o -> o.startsWith("-Xmx") && o.endsWith("m"))
                        .mapToLong(o -> Long.parseLong(o.substring(4, o.length() - 1)) << 20)
                        .reduce((first, last) -> last)
                        .orElseThrow();
        Properties generated = new Properties();
        generated.load(new StringReader(KafkaBrokerConfig.text(plan, kafka)));
        Properties kafkasDefault = new Properties();
        kafkasDefault.putAll(generated);
        kafkasDefault.remove("log.cleaner.dedupe.buffer.size");

        assertThat(KafkaConfig.fromProps(generated).logCleanerDedupeBufferSize())
                .isEqualTo(16L << 20)
                .isLessThanOrEqualTo(heap / 8);
        // The control: the same configuration with Kafka's default fails the bound.
        assertThat(KafkaConfig.fromProps(kafkasDefault).logCleanerDedupeBufferSize())
                .isGreaterThan(heap / 8);
    }

    @Test
    void aServicesOwnJvmOptionsComeAfterEveryServicesSoTheJvmTakesThem() {
        // The JVM takes the last of a repeated -XX option: the service's own must follow.
        assertThat(
                        ClusterPlan.jvmOptions(
                                "case-service",
                                Map.of(
                                        "PLATFORM_JVM_OPTS_CASE_SERVICE",
                                        "-XX:TieredStopAtLevel=4")))
                .isEqualTo(ClusterPlan.DEFAULT_JVM_OPTS + " -XX:TieredStopAtLevel=4");
        assertThat(
                        ClusterPlan.jvmOptions(
                                "care-service",
                                Map.of(
                                        "PLATFORM_JVM_OPTS",
                                        "-Xmx300m",
                                        "PLATFORM_JVM_OPTS_CARE_SERVICE",
                                        "-Xmx400m")))
                .isEqualTo("-Xmx300m -Xmx400m");
        // Another service's variable is not this one's.
        assertThat(
                        ClusterPlan.jvmOptions(
                                "care-service", Map.of("PLATFORM_JVM_OPTS_CASE_SERVICE", "-Xmx1g")))
                .doesNotContain("-Xmx1g");
        assertThat(ClusterPlan.jvmOptionsVariable("analytics-service"))
                .isEqualTo("PLATFORM_JVM_OPTS_ANALYTICS_SERVICE");
    }

    @Test
    void everyApplicationRunsExtractedAndWritesAClassDataArchiveOnItsFirstStart() {
        ClassDataTest.assumeABaseArchive();
        // ADR 47: a JDK 17 archive covers only a plain class path, so the applications run from
        // their extracted jars; with no archive yet the JVM writes one when it exits.
        ClusterPlan plan = all();
        for (String application :
                List.of(
                        "identity-provider",
                        "gateway",
                        "case-service",
                        "content-service",
                        "care-service",
                        "sap-adapter",
                        "analytics-service")) {
            Path home = DATA.resolve("apps").resolve(application);
            List<String> command = plan.launch(plan.instance(application), Map.of()).command();
            assertThat(command)
                    .contains("-XX:ArchiveClassesAtExit=" + home.resolve("classes.jsa"))
                    .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"));
            int jar = command.indexOf("-jar");
            assertThat(command.get(jar + 1)).startsWith(home + "/").endsWith(".jar");
            // The archive options after every JVM option, before the jar.
            assertThat(command.indexOf("-XX:ArchiveClassesAtExit=" + home.resolve("classes.jsa")))
                    .isGreaterThan(command.indexOf("-XX:TieredStopAtLevel=1"))
                    .isLessThan(jar);
        }
        // Processes that are not Spring Boot applications have none: the stand-ins are plain JDK
        // programs that Boot's extraction tool cannot extract.
        for (String other : List.of("postgres", "kafka", "sap-simulator", "govuk-pay-stand-in")) {
            assertThat(plan.classData(plan.instance(other), Map.of())).isEmpty();
            assertThat(plan.launch(plan.instance(other)).command())
                    .noneMatch(arg -> arg.contains("Archive"));
        }
    }

    @Test
    void aSealedArchiveIsMappedOnTheNextStart(@TempDir Path data) throws IOException {
        ClassDataTest.assumeABaseArchive();
        ClusterPlan plan =
                ClusterPlan.single(TOPOLOGY, Path.of("/repo"), data, List.of(), List.of());
        ClassData gateway = plan.classData(plan.instance("gateway"), Map.of()).orElseThrow();
        Files.createDirectories(gateway.home());
        Files.write(gateway.archive(), new byte[4096]);
        // Made with this JDK and the default options, as ./platform down seals it.
        Files.writeString(gateway.made(), gateway.key() + "size 4096\n");

        // With the settings the archive was made with, not whatever this shell exports.
        assertThat(plan.launch(plan.instance("gateway"), Map.of()).command())
                .contains("-XX:SharedArchiveFile=" + gateway.archive())
                .noneMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit"));
        // Another service, without a sealed archive of its own, still trains.
        assertThat(plan.launch(plan.instance("case-service"), Map.of()).command())
                .anyMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit"));
        // Other JVM options: the archive was not made with them, so the gateway trains.
        assertThat(
                        plan.launch(plan.instance("gateway"), Map.of("PLATFORM_JVM_OPTS", "-Xmx1g"))
                                .command())
                .contains("-Xmx1g", "-XX:ArchiveClassesAtExit=" + gateway.archive())
                .noneMatch(arg -> arg.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void theBuiltJarRunsAsBeforeWhenSwitchedOffOrWhenTheOptionsBringTheirOwnSharing() {
        ClassDataTest.assumeABaseArchive();
        ClusterPlan plan = all();
        Instance cases = plan.instance("case-service");

        assertThat(plan.classData(cases, Map.of())).isPresent(); // the default: on
        assertThat(plan.classData(cases, Map.of("PLATFORM_CDS", "off"))).isEmpty();
        // JDK 19+'s own archive (jvm-settings.md's jdk25-c1-cds) is not given a second one.
        assertThat(
                        plan.classData(
                                cases,
                                Map.of(
                                        "PLATFORM_JVM_OPTS",
                                        "-XX:+AutoCreateSharedArchive"
                                                + " -XX:SharedArchiveFile=/tmp/{component}.jsa")))
                .isEmpty();
        assertThat(plan.classData(cases, Map.of("PLATFORM_JVM_OPTS_CASE_SERVICE", "-Xshare:off")))
                .isEmpty();
        // The cluster's replicas run the built jars.
        ClusterPlan cluster =
                ClusterPlan.of(TOPOLOGY, Path.of("/repo"), DATA, List.of("case-service"));
        Instance replica = cluster.instance("case-service-1");
        assertThat(cluster.classData(replica, Map.of())).isEmpty();
        assertThat(cluster.launch(replica).command())
                .contains("/repo/case-service/target/case-service-0.1.0-SNAPSHOT.jar")
                .noneMatch(arg -> arg.contains("Archive"));
    }

    @Test
    void theArchivesKeyChangesWithTheJvmOptionsSoOtherOptionsMakeANewOne() {
        ClassDataTest.assumeABaseArchive();
        ClusterPlan plan = all();
        Instance cases = plan.instance("case-service");
        String usual = plan.classData(cases, Map.of()).orElseThrow().key();

        assertThat(plan.classData(cases, Map.of()).orElseThrow().key()).isEqualTo(usual);
        assertThat(
                        plan.classData(
                                        cases,
                                        Map.of(
                                                "PLATFORM_JVM_OPTS_CASE_SERVICE",
                                                "-XX:TieredStopAtLevel=4"))
                                .orElseThrow()
                                .key())
                .isNotEqualTo(usual)
                .contains("-XX:TieredStopAtLevel=4");
    }

    @Test
    void aJdkWithoutABaseArchiveRunsTheBuiltJars(@TempDir Path jdks) throws IOException {
        ClusterPlan plan = all();
        Instance cases = plan.instance("case-service");
        Path withArchive = jdks.resolve("with");
        Files.createDirectories(withArchive.resolve("lib/server"));
        Files.write(withArchive.resolve("lib/server/classes.jsa"), new byte[16]);
        Path without = jdks.resolve("without");
        Files.createDirectories(without.resolve("lib/server"));

        // The control: the same JDK layout with its base archive extracts and archives.
        assertThat(plan.classData(cases, Map.of(), withArchive)).isPresent();
        // Without one a JVM given -XX:ArchiveClassesAtExit does not start: the built jar runs.
        assertThat(plan.classData(cases, Map.of(), without)).isEmpty();
    }
}
