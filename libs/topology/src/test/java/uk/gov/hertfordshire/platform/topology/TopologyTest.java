package uk.gov.hertfordshire.platform.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private static String declaration() throws IOException {
        return Files.readString(Topology.repositoryRoot().resolve(Topology.DECLARATION));
    }

    private static Topology parse(String yaml) {
        return Topology.parse(new StringReader(yaml));
    }

    @Test
    void theDeclarationAgreesWithItselfAndWithEventContracts() throws IOException {
        Topology topology = parse(declaration());

        assertThat(DeclarationProblems.of(topology)).isEmpty();
        assertThat(topology.services())
                .extracting(Component::name)
                .containsExactly(
                        "gateway",
                        "case-service",
                        "content-service",
                        "care-service",
                        "sap-adapter",
                        "analytics-service");
        assertThat(topology.component("sap-adapter").subscriptions())
                .extracting(Subscription::deadLetterTopic)
                .containsExactly("cases.events.sap-adapter.DLT", "care.events.sap-adapter.DLT");
        assertThat(topology.component("gateway").actuatorPort()).isEqualTo(9080);
        assertThat(topology.component("gateway").follows()).containsExactly("cases.events");
        assertThat(topology.component("gateway").usesKafka()).isTrue();
        assertThat(topology.component("identity-provider").usesKafka()).isFalse();
        assertThat(topology.component("case-service").actuatorPort()).isEqualTo(8081);
    }

    @Test
    void aSubscriptionToATopicEventContractsDoesNotHaveIsAProblem() throws IOException {
        String typo =
                declaration()
                        .replace(
                                "{ group: content-service, topic: cases.events }",
                                "{ group: content-service, topic: case.events }");

        assertThat(DeclarationProblems.of(parse(typo)))
                .containsExactly("content-service: subscribes to unknown topic case.events");
    }

    @Test
    void followingATopicEventContractsDoesNotHaveOrWithoutKafkaIsAProblem() throws IOException {
        String typo = declaration().replace("follows: [cases.events]", "follows: [case.events]");
        String noKafka =
                declaration()
                        .replace(
                                "depends-on: [redis, kafka, identity-provider,",
                                "depends-on: [redis, identity-provider,");

        assertThat(DeclarationProblems.of(parse(typo)))
                .containsExactly("gateway: follows unknown topic case.events");
        assertThat(DeclarationProblems.of(parse(noKafka)))
                .containsExactly("gateway: follows cases.events but does not depend on kafka");
    }

    @Test
    void aPublishedTopicThatIsNotWhereTheServicesEventsGoIsAProblem() throws IOException {
        String missing =
                declaration()
                        .replace(
                                "publishes: [sap.finance.events, sap.hr.events]",
                                "publishes: [sap.finance.events]");

        assertThat(DeclarationProblems.of(parse(missing)))
                .anySatisfy(
                        p ->
                                assertThat(p)
                                        .startsWith("sap-adapter: publishes [sap.finance.events]"))
                .anySatisfy(p -> assertThat(p).startsWith("published topics"));
    }

    @Test
    void aDependencyOnAComponentNotDeclaredIsAProblem() throws IOException {
        String unknown =
                declaration()
                        .replace(
                                "sap-adapter, analytics-service]",
                                "sap-adaptor, analytics-service]");

        assertThat(DeclarationProblems.of(parse(unknown)))
                .containsExactly("gateway: depends on unknown component sap-adaptor");
    }

    @Test
    void clusterReplicasListenOnTheirPortsPlusTheStepTimesTheReplica() throws IOException {
        Topology topology = parse(declaration());
        Component cases = topology.component("case-service");
        Component gateway = topology.component("gateway");
        Component kafka = topology.component("kafka");

        assertThat(topology.clusterPortStep()).isEqualTo(100);
        assertThat(topology.clusterPort(cases, cases.port(), 1)).isEqualTo(8181);
        assertThat(topology.clusterPort(cases, cases.port(), 2)).isEqualTo(8281);
        assertThat(topology.clusterPort(gateway, gateway.managementPort(), 2)).isEqualTo(9280);
        assertThat(topology.clusterPort(kafka, kafka.port(), 3)).isEqualTo(9392);
        assertThat(topology.clusterPort(kafka, kafka.controllerPort(), 1)).isEqualTo(9193);
        assertThat(topology.clusterPort(kafka, kafka.metricsPort(), 2)).isEqualTo(9604);
        // One replica keeps its port: the identity provider's issuer URL names 9000.
        Component idp = topology.component("identity-provider");
        assertThat(topology.clusterPort(idp, idp.port(), 1)).isEqualTo(9000);
        assertThat(topology.component("load-balancer").replicas()).isEqualTo(new Replicas(0, 1));
        assertThat(topology.component("load-balancer").port()).isEqualTo(8080);
        assertThatThrownBy(() -> topology.clusterPort(cases, cases.port(), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoReplicasLandingOnOnePortIsAProblem() throws IOException {
        // With a step of 1, case-service's second replica (8081 + 2) takes content-service's
        // first (8082 + 1).
        String clash = declaration().replace("port-step: 100", "port-step: 1");

        assertThat(DeclarationProblems.of(parse(clash)))
                .contains("content-service: cluster replica 1's port 8083 is taken by another");
    }
}
