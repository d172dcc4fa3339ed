package uk.gov.hertfordshire.platform.topology;

import static org.assertj.core.api.Assertions.assertThat;

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
}
