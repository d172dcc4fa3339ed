package uk.gov.hertfordshire.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.k8s.Kustomize.Document;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * On Kubernetes the gateway reaches each service at its Service's name, one address that Kubernetes
 * balances over the ready pods: {@code platform.services.<service>} in the platform's ConfigMap is
 * that one URI in the base and every overlay, never a list of pods (the gateway balances over a
 * list itself, ADR 32, which here would only put a second balancer in front of Kubernetes' own).
 */
class GatewayAddressesTest {

    private static Topology topology;
    private static SortedMap<String, String> generated;

    @BeforeAll
    static void generate() {
        Path root = Topology.repositoryRoot();
        topology = Topology.load();
        generated = ManifestGenerator.generate(topology, root);
    }

    @Test
    void everyOverlayGivesTheGatewayOneServiceAddressPerService() {
        assertThat(problems(generated)).isEmpty();
    }

    @Test
    void aListOfAddressesOrAnotherAddressIsFound() {
        SortedMap<String, String> planted = new TreeMap<>(generated);
        String config = "deploy/k8s/base/config.yaml";
        planted.put(
                config,
                planted.get(config)
                        .replace(
                                "case-service: http://case-service:8081",
                                "case-service: http://case-service-0:8081,http://case-service-1:8081")
                        .replace(
                                "care-service: http://care-service:8083",
                                "care-service: http://care-service:9999"));

        assertThat(problems(planted))
                .hasSize(2 * ManifestChecks.FOLDERS.size())
                .anyMatch(problem -> problem.contains("case-service"))
                .anyMatch(problem -> problem.contains("care-service"));
    }

    private static List<String> problems(Map<String, String> files) {
        List<String> problems = new ArrayList<>();
        Kustomize kustomize = new Kustomize(files);
        for (String folder : ManifestChecks.FOLDERS) {
            List<Document> built = kustomize.build(folder, problems);
            Map<String, Object> configMap =
                    ManifestChecks.find(built, "ConfigMap", Names.CONFIG_MAP).orElseThrow();
            String settings = (String) Json.at(configMap, "/data/application.yml");
            Object services = Json.at(Kustomize.parse(settings).get(0), "/platform/services");
            for (Component service : topology.services()) {
                if (service.name().equals(NetworkPolicies.GATEWAY)) {
                    continue;
                }
                String expected = "http://" + service.name() + ":" + service.port();
                Object actual = Json.map(services).get(service.name());
                if (!expected.equals(actual)) {
                    problems.add(
                            folder
                                    + ": platform.services."
                                    + service.name()
                                    + " is "
                                    + actual
                                    + ", not the one Service address "
                                    + expected);
                }
            }
        }
        return problems;
    }
}
