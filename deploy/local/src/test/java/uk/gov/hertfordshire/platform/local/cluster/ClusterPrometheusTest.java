package uk.gov.hertfordshire.platform.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import uk.gov.hertfordshire.platform.testsupport.Promtool;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * Prometheus in the cluster mode: planned where installed, and its generated configuration scrapes
 * every replica (job = component, instance = replica), as Prometheus itself reads it.
 */
class ClusterPrometheusTest {

    private static final Topology TOPOLOGY = Topology.load();
    private static final Path ROOT = Topology.repositoryRoot();
    private static final Path DATA = Path.of("/tmp/platform-data/cluster");

    private static ClusterPlan withMonitoring(String... monitoring) {
        return ClusterPlan.of(TOPOLOGY, ROOT, DATA, List.of(), List.of(monitoring));
    }

    /** job → (instance label → host:port), and job → metrics path, read back as YAML. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> targets(String config) {
        Map<String, Object> yaml = new Yaml().load(config);
        Map<String, Map<String, String>> jobs = new LinkedHashMap<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) yaml.get("scrape_configs")) {
            Map<String, String> byInstance = new LinkedHashMap<>();
            for (Map<String, Object> sc : (List<Map<String, Object>>) job.get("static_configs")) {
                List<String> addresses = (List<String>) sc.get("targets");
                assertThat(addresses).hasSize(1);
                Map<String, String> labels = (Map<String, String>) sc.get("labels");
                byInstance.put(labels.get("instance"), addresses.get(0));
            }
            jobs.put(job.get("job_name") + " " + job.get("metrics_path"), byInstance);
        }
        return jobs;
    }

    @Test
    void monitoringRunsOnlyWhenAskedForAndStartsLast() {
        assertThat(ClusterPlan.of(TOPOLOGY, ROOT, DATA, List.of()).instancesOf("prometheus"))
                .isEmpty();

        ClusterPlan plan = withMonitoring("postgres-exporter", "prometheus");

        List<String> names = plan.instances().stream().map(Instance::name).toList();
        assertThat(names.subList(names.size() - 2, names.size()))
                .containsExactly("postgres-exporter-1", "prometheus-1");
        assertThat(plan.instance("prometheus-1").port()).isEqualTo(9090);
        assertThat(plan.instance("postgres-exporter-1").port()).isEqualTo(9187);
        assertThat(names(plan.startAfter(plan.instance("postgres-exporter-1"))))
                .containsExactly("postgres-1");
        assertThat(plan.probe(plan.instance("prometheus-1"))).isEqualTo(ClusterPlan.Probe.READY);
        ClusterPlan.Launch launch = plan.launch(plan.instance("prometheus-1"));
        assertThat(launch.command())
                .containsExactly(
                        "prometheus",
                        "--config.file=" + DATA.resolve("run/prometheus.yml"),
                        "--storage.tsdb.path=" + DATA.resolve("prometheus"),
                        "--web.listen-address=127.0.0.1:9090");
        assertThat(launch.command()).contains(launch.marker());
        assertThat(plan.launch(plan.instance("postgres-exporter-1")).environment())
                .containsEntry(
                        "DATA_SOURCE_NAME",
                        "postgresql://postgres@127.0.0.1:5433/postgres?sslmode=disable");
    }

    @Test
    void aComponentThatIsNotMonitoringIsRefusedAsMonitoring() {
        assertThatThrownBy(() -> withMonitoring("case-service"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("case-service is not a monitoring component");
    }

    @Test
    void everyReplicaIsATargetOfItsComponentsJob() {
        Map<String, Map<String, String>> jobs =
                targets(
                        PrometheusConfig.text(
                                withMonitoring("postgres-exporter", "prometheus"), "15s"));

        // Ports from deploy/topology.yaml: declared port + 100 * replica where there are several;
        // the gateway on its management port, Kafka on its JMX exporter's.
        assertThat(jobs)
                .containsEntry("postgres /metrics", Map.of("postgres-1", "127.0.0.1:9187"))
                .containsEntry(
                        "kafka /metrics",
                        Map.of(
                                "kafka-1", "127.0.0.1:9504",
                                "kafka-2", "127.0.0.1:9604",
                                "kafka-3", "127.0.0.1:9704"))
                .containsEntry(
                        "gateway /actuator/prometheus",
                        Map.of("gateway-1", "127.0.0.1:9180", "gateway-2", "127.0.0.1:9280"))
                .containsEntry(
                        "case-service /actuator/prometheus",
                        Map.of(
                                "case-service-1", "127.0.0.1:8181",
                                "case-service-2", "127.0.0.1:8281"))
                .containsEntry(
                        "analytics-service /actuator/prometheus",
                        Map.of(
                                "analytics-service-1", "127.0.0.1:8185",
                                "analytics-service-2", "127.0.0.1:8285"))
                .containsEntry(
                        "identity-provider /actuator/prometheus",
                        Map.of("identity-provider-1", "127.0.0.1:9000"))
                .containsEntry("prometheus /metrics", Map.of("prometheus-1", "127.0.0.1:9090"));
        // Redis, nginx and the exporter itself have no metrics of their own to scrape here.
        assertThat(jobs.keySet())
                .noneMatch(
                        job ->
                                job.startsWith("redis ")
                                        || job.startsWith("load-balancer ")
                                        || job.startsWith("postgres-exporter "));
        // Every application replica the plan runs is somewhere in the targets.
        long replicas = jobs.values().stream().mapToLong(m -> m.size()).sum();
        // postgres, 3 brokers, identity provider, 2 gateways, 5 services x 2, 2 stand-ins,
        // Prometheus
        assertThat(replicas).isEqualTo(1 + 3 + 1 + 2 + 5 * 2 + 2 + 1);
    }

    @Test
    void withoutTheExporterPostgresIsNotScraped() {
        Map<String, Map<String, String>> jobs =
                targets(PrometheusConfig.text(withMonitoring("prometheus"), "15s"));

        assertThat(jobs.keySet()).noneMatch(job -> job.startsWith("postgres "));
        assertThat(jobs).containsKey("case-service /actuator/prometheus");
    }

    @Test
    void prometheusAcceptsTheGeneratedConfigurationWithTheProjectsRules(@TempDir Path dir)
            throws IOException, InterruptedException {
        List<String> monitoring = List.of("postgres-exporter", "prometheus");
        // The cluster's, and the single copy's (./platform up), from the same code.
        for (ClusterPlan plan :
                List.of(
                        ClusterPlan.of(TOPOLOGY, ROOT, DATA, List.of(), monitoring),
                        ClusterPlan.single(
                                TOPOLOGY, ROOT, DATA.getParent(), List.of(), monitoring))) {
            Path config = dir.resolve(plan.mode() + "-prometheus.yml");
            Files.writeString(config, PrometheusConfig.text(plan, "5s"));

            Promtool.Result result = Promtool.run(dir, null, "check", "config", config.toString());

            assertThat(result.exitCode()).as(plan.mode() + ": " + result.output()).isZero();
            assertThat(result.output()).contains("SUCCESS").doesNotContain("0 rule files found");
        }
    }

    private static List<String> names(List<Instance> instances) {
        return instances.stream().map(Instance::name).toList();
    }
}
