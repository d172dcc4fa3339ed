package uk.gov.hertfordshire.platform.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.topology.Topology;

/** The cluster's plan, from the real deploy/topology.yaml: what would start where, and how. */
class ClusterPlanTest {

    private static final Topology TOPOLOGY = Topology.load();
    private static final Path DATA = Path.of("/tmp/platform-data/cluster");

    private static ClusterPlan all() {
        return ClusterPlan.of(TOPOLOGY, Path.of("/repo"), DATA, List.of());
    }

    private static List<String> names(List<Instance> instances) {
        return instances.stream().map(Instance::name).toList();
    }

    @Test
    void everyReplicaOfEveryComponentTheClusterRunsIsPlannedOnItsDeclaredPorts() {
        ClusterPlan plan = all();

        assertThat(names(plan.instances()))
                .containsExactly(
                        "postgres-1",
                        "kafka-1",
                        "kafka-2",
                        "kafka-3",
                        "redis-1",
                        "identity-provider-1",
                        "gateway-1",
                        "gateway-2",
                        "case-service-1",
                        "case-service-2",
                        "content-service-1",
                        "content-service-2",
                        "care-service-1",
                        "care-service-2",
                        "sap-adapter-1",
                        "sap-adapter-2",
                        "analytics-service-1",
                        "analytics-service-2",
                        "sap-simulator-1",
                        "govuk-pay-stand-in-1",
                        "load-balancer-1");
        Map<String, Integer> ports = new java.util.LinkedHashMap<>();
        plan.instances().forEach(i -> ports.put(i.name(), i.port()));
        assertThat(ports)
                .containsEntry("postgres-1", 5433)
                .containsEntry("kafka-1", 9192)
                .containsEntry("kafka-2", 9292)
                .containsEntry("kafka-3", 9392)
                .containsEntry("redis-1", 6379)
                .containsEntry("identity-provider-1", 9000)
                .containsEntry("gateway-1", 8180)
                .containsEntry("gateway-2", 8280)
                .containsEntry("case-service-1", 8181)
                .containsEntry("case-service-2", 8281)
                .containsEntry("content-service-2", 8282)
                .containsEntry("care-service-2", 8283)
                .containsEntry("sap-adapter-2", 8284)
                .containsEntry("analytics-service-1", 8185)
                .containsEntry("analytics-service-2", 8285)
                .containsEntry("sap-simulator-1", 8090)
                .containsEntry("govuk-pay-stand-in-1", 8091)
                .containsEntry("load-balancer-1", 8080);
        assertThat(plan.instance("gateway-2").managementPort()).isEqualTo(9280);
        assertThat(plan.instance("kafka-3").controllerPort()).isEqualTo(9393);
        assertThat(plan.instance("kafka-2").metricsPort()).isEqualTo(9604);
    }

    @Test
    void noTwoInstancesShareAPort() {
        Set<Integer> seen = new HashSet<>();
        List<String> clashes = new ArrayList<>();
        for (Instance i : all().instances()) {
            for (int port :
                    List.of(i.port(), i.managementPort(), i.controllerPort(), i.metricsPort())) {
                if (port != 0 && !seen.add(port)) {
                    clashes.add(i.name() + ":" + port);
                }
            }
        }
        assertThat(clashes).isEmpty();
    }

    @Test
    void eachGatewayIsToldEveryReplicaOfEveryServiceAndTheSharedRedis() {
        ClusterPlan plan = all();

        assertThat(plan.gatewayServices())
                .containsExactly(
                        Map.entry("case-service", "http://127.0.0.1:8181,http://127.0.0.1:8281"),
                        Map.entry("content-service", "http://127.0.0.1:8182,http://127.0.0.1:8282"),
                        Map.entry("care-service", "http://127.0.0.1:8183,http://127.0.0.1:8283"),
                        Map.entry("sap-adapter", "http://127.0.0.1:8184,http://127.0.0.1:8284"),
                        Map.entry(
                                "analytics-service",
                                "http://127.0.0.1:8185,http://127.0.0.1:8285"));
        for (String gateway : List.of("gateway-1", "gateway-2")) {
            List<String> command = plan.launch(plan.instance(gateway)).command();
            assertThat(command)
                    .contains(
                            "--platform.services.case-service=http://127.0.0.1:8181,http://127.0.0.1:8281",
                            "--platform.services.analytics-service=http://127.0.0.1:8185,http://127.0.0.1:8285",
                            "--platform.limits.redis-uri=redis://127.0.0.1:6379",
                            "--platform.limits.trusted-proxies=127.0.0.1",
                            "-Dplatform.component=" + gateway);
        }
        assertThat(plan.launch(plan.instance("gateway-2")).environment())
                .containsEntry("SERVER_PORT", "8280")
                .containsEntry("MANAGEMENT_SERVER_PORT", "9280");
    }

    @Test
    void everyBrokerIsOneOfAThreeVoterQuorumWithTheDeclaredReplication() {
        ClusterPlan plan = all();
        for (Instance broker : plan.instancesOf("kafka")) {
            String properties = KafkaBrokerConfig.text(plan, broker);

            assertThat(properties)
                    .contains(
                            "process.roles=broker,controller",
                            "node.id=" + broker.replica() + "\n",
                            "controller.quorum.voters=1@127.0.0.1:9193,2@127.0.0.1:9293,3@127.0.0.1:9393",
                            "listeners=PLAINTEXT://127.0.0.1:"
                                    + broker.port()
                                    + ",CONTROLLER://127.0.0.1:"
                                    + broker.controllerPort(),
                            "default.replication.factor=3",
                            "min.insync.replicas=2",
                            "unclean.leader.election.enable=false",
                            "offsets.topic.replication.factor=3",
                            "transaction.state.log.replication.factor=3",
                            "transaction.state.log.min.isr=2",
                            "log.dirs=" + DATA.resolve(broker.name()));
        }
    }

    @Test
    void servicesBootstrapFromEveryBrokerDeclareTopicsWithTheClusterSettingsAndKeepTheirRoles() {
        ClusterPlan plan = all();
        Map<String, String> cases = plan.launch(plan.instance("case-service-2")).environment();
        Map<String, String> care = plan.launch(plan.instance("care-service-1")).environment();

        assertThat(cases)
                .containsEntry("SERVER_PORT", "8281")
                .containsEntry(
                        "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                        "127.0.0.1:9192,127.0.0.1:9292,127.0.0.1:9392")
                .containsEntry("PLATFORM_SUPPORT_TOPICS_REPLICATION_FACTOR", "3")
                .containsEntry("PLATFORM_SUPPORT_TOPICS_MIN_IN_SYNC_REPLICAS", "2")
                .containsEntry(
                        "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5433/case_service")
                .containsEntry("SPRING_DATASOURCE_USERNAME", "case_service");
        // Three partitions over two replicas: one consumer each, whatever a service asks for
        // alone (analytics-service's three would leave one replica's consumers all idle).
        assertThat(plan.launch(plan.instance("analytics-service-2")).environment())
                .containsEntry("PLATFORM_SUPPORT_CONSUMER_CONCURRENCY", "1");
        assertThat(care)
                .containsEntry("SPRING_DATASOURCE_USERNAME", "care_service_app")
                .containsEntry("SPRING_FLYWAY_USER", "care_service")
                .containsEntry(
                        "PLATFORM_CARE_KEYS_FILE",
                        DATA.resolve("care-service/keys.properties").toString());
    }

    @Test
    void nginxBalancesOverBothGatewaysAndRetriesOnlyWhatIsSafe() {
        String config = NginxConfig.text(all());

        assertThat(config)
                .contains("server 127.0.0.1:8180 max_fails=1", "server 127.0.0.1:8280 max_fails=1")
                .contains("listen 127.0.0.1:8080;")
                .contains("proxy_next_upstream error timeout;")
                .contains("location = /load-balancer/health")
                .doesNotContain("non_idempotent")
                .contains("pid " + DATA.resolve("nginx/nginx.pid") + ";");
    }

    @Test
    void replicasAfterTheFirstWaitForItAndApplicationsWaitForTheirDependencies() {
        ClusterPlan plan = all();

        assertThat(names(plan.startAfter(plan.instance("care-service-2"))))
                .contains("care-service-1", "postgres-1", "kafka-3");
        assertThat(names(plan.startAfter(plan.instance("kafka-2")))).isEmpty();
        assertThat(names(plan.startAfter(plan.instance("gateway-1"))))
                .contains(
                        "redis-1", "identity-provider-1", "case-service-2", "analytics-service-2");
        assertThat(names(plan.startAfter(plan.instance("load-balancer-1"))))
                .containsExactly("gateway-1", "gateway-2");
    }

    @Test
    void gatewaysBelieveForwardedAddressesOnlyWhenNginxIsInFront() {
        ClusterPlan withoutBalancer =
                ClusterPlan.of(
                        TOPOLOGY, Path.of("/repo"), DATA, List.of("gateway", "case-service"));
        ClusterPlan withBalancer =
                ClusterPlan.of(
                        TOPOLOGY, Path.of("/repo"), DATA, List.of("load-balancer", "case-service"));

        assertThat(withoutBalancer.launch(withoutBalancer.instance("gateway-1")).command())
                .noneMatch(arg -> arg.startsWith("--platform.limits.trusted-proxies"));
        assertThat(withBalancer.launch(withBalancer.instance("gateway-1")).command())
                .contains("--platform.limits.trusted-proxies=127.0.0.1");
    }

    @Test
    void aSubsetBringsWhatItNeedsButNotTheServicesTheGatewayRoutesTo() {
        ClusterPlan plan =
                ClusterPlan.of(
                        TOPOLOGY,
                        Path.of("/repo"),
                        DATA,
                        List.of("load-balancer", "case-service", "analytics-service"));

        assertThat(names(plan.instances()))
                .containsExactlyInAnyOrder(
                        "postgres-1",
                        "kafka-1",
                        "kafka-2",
                        "kafka-3",
                        "redis-1",
                        "identity-provider-1",
                        "gateway-1",
                        "gateway-2",
                        "case-service-1",
                        "case-service-2",
                        "analytics-service-1",
                        "analytics-service-2",
                        "govuk-pay-stand-in-1",
                        "load-balancer-1");
        assertThat(plan.gatewayServices()).containsOnlyKeys("case-service", "analytics-service");
        assertThatThrownBy(() -> plan.instance("content-service-1"))
                .hasMessageContaining("no instance content-service-1");
        assertThatThrownBy(
                        () ->
                                ClusterPlan.of(
                                        TOPOLOGY, Path.of("/repo"), DATA, List.of("prometheus")))
                .hasMessageContaining("does not run in the cluster mode");
    }
}
