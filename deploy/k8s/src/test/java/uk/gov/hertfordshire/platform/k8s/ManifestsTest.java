package uk.gov.hertfordshire.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The committed manifests are what the generator writes, and they would work: every overlay
 * resolves, and the checks in {@link ManifestChecks} find nothing. Each check is shown to fail on
 * an in-memory copy with one planted mistake. {@code -Dk8s.regenerate=true} writes the files
 * instead of comparing them.
 */
class ManifestsTest {

    private static Path root;
    private static Topology topology;
    private static SortedMap<String, String> generated;

    @BeforeAll
    static void generate() throws IOException {
        root = Topology.repositoryRoot();
        topology = Topology.load();
        generated = ManifestGenerator.generate(topology, root);
        if (Boolean.getBoolean("k8s.regenerate")) {
            for (String stale : committed().keySet()) {
                if (!generated.containsKey(stale)) {
                    Files.delete(root.resolve(stale));
                }
            }
            for (Map.Entry<String, String> file : generated.entrySet()) {
                Files.createDirectories(root.resolve(file.getKey()).getParent());
                Files.writeString(root.resolve(file.getKey()), file.getValue());
            }
        }
    }

    /** The committed files under deploy/k8s's base and overlays, and the launcher's projection. */
    private static SortedMap<String, String> committed() throws IOException {
        SortedMap<String, String> files = new TreeMap<>();
        for (String folder : new String[] {"deploy/k8s/base", "deploy/k8s/overlays"}) {
            if (!Files.isDirectory(root.resolve(folder))) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(root.resolve(folder))) {
                for (Path path : paths.filter(Files::isRegularFile).toList()) {
                    files.put(
                            root.relativize(path).toString().replace('\\', '/'),
                            Files.readString(path));
                }
            }
        }
        return files;
    }

    @Test
    void theCommittedFilesAreWhatTheGeneratorWrites() throws IOException {
        SortedMap<String, String> committed = committed();

        assertThat(committed.keySet())
                .as("regenerate: ./mvnw -pl deploy/k8s -am verify -Dk8s.regenerate=true")
                .containsExactlyElementsOf(generated.keySet());
        generated.forEach(
                (path, content) ->
                        assertThat(committed.get(path))
                                .as(
                                        path
                                                + " differs from what the generator writes; regenerate"
                                                + " (deploy/k8s/README.md)")
                                .isEqualTo(content));
    }

    @Test
    void theCommittedManifestsResolveAndPassEveryCheck() throws IOException {
        assertThat(ManifestChecks.problems(committed(), topology, root)).isEmpty();
    }

    @Test
    void theImagesTheScriptBuildsAreTheOnesTheDeploymentsRun() throws Exception {
        assertThat(
                        ImageChecks.problems(
                                dockerfile(),
                                ImageChecks.plan(root),
                                ImageChecks.javaRelease(root),
                                committed(),
                                topology))
                .isEmpty();
    }

    @Test
    void anImageUserOtherThanThePodsAndAFloatingBaseAreFound() throws Exception {
        String dockerfile =
                dockerfile()
                        .replace("USER 1000:1000", "USER 1001:1000")
                        .replaceFirst("ARG BASE_IMAGE=.*", "ARG BASE_IMAGE=eclipse-temurin:17-jre");

        assertThat(
                        ImageChecks.problems(
                                dockerfile,
                                ImageChecks.plan(root),
                                ImageChecks.javaRelease(root),
                                generated,
                                topology))
                .contains(
                        "deploy/images/Dockerfile: BASE_IMAGE is not a Temurin JRE pinned by"
                                + " version tag and digest",
                        "case-service: the image runs as 1001:1000, the pod as 1000:1000")
                .hasSize(1 + topology.services().size());
    }

    @Test
    void anImageTagOrPortOtherThanTheDeploymentsAndAMissingTmpAreFound() throws Exception {
        String plan =
                ImageChecks.plan(root)
                        .replace("content-service:0.1.0-SNAPSHOT", "content-service:0.2.0")
                        .replace(" 9080\n", " 9081\n");
        Map<String, String> files =
                edit(
                        "deploy/k8s/base/services/care-service.yaml",
                        text ->
                                text.replace(
                                        "            - mountPath: /tmp\n",
                                        "            - mountPath: /var/tmp\n"));

        assertThat(
                        ImageChecks.problems(
                                dockerfile(), plan, ImageChecks.javaRelease(root), files, topology))
                .containsExactlyInAnyOrder(
                        "content-service: deploy/images/build builds"
                                + " registry.hertfordshire.gov.uk/platform/content-service:0.2.0,"
                                + " the Deployment runs"
                                + " registry.hertfordshire.gov.uk/platform/content-service:0.1.0-SNAPSHOT",
                        "gateway: the image exposes 8080 and 9081, the Deployment's container"
                                + " [8080, 9080]",
                        "care-service: read-only root filesystem without a writable emptyDir on"
                                + " /tmp");
    }

    @Test
    void theSettingsAServiceNeedsAreWorkedOutFromItsModule() {
        assertThat(RequiredSettings.of(root, "sap-adapter"))
                .containsKeys(
                        "platform.sap.base-url",
                        "platform.sap.hr-base-url",
                        "platform.sap.password",
                        "platform.security.issuers",
                        "spring.datasource.url",
                        "spring.datasource.password",
                        "spring.kafka.bootstrap-servers");
        assertThat(RequiredSettings.of(root, "case-service"))
                .containsKeys(
                        "platform.cases.payments.govuk-pay.base-url",
                        "platform.cases.payments.govuk-pay.api-key",
                        "platform.cases.payments.govuk-pay.return-url");
        // The gateway's local profile allows a local web app's origin; its default (none) holds.
        assertThat(RequiredSettings.of(root, "gateway"))
                .containsKeys(
                        "platform.security.issuers",
                        "platform.services.case-service",
                        "management.server.address")
                .doesNotContainKey("platform.security.cors.allowed-origins");
    }

    @Test
    void anOverlayWithoutASettingAServiceNeedsIsFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/overlays/production/environment.yaml",
                        text -> text.replace("hr-base-url:", "hr-url:"));

        assertThat(ManifestChecks.problems(files, topology, root))
                .containsExactly(
                        "production: sap-adapter needs platform.sap.hr-base-url (locally"
                                + " http://127.0.0.1:8090)");
    }

    @Test
    void aSecretInAnOverlaysConfigMapAndAMissingConfigMapAreFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/base/services/case-service.yaml",
                        text ->
                                text.replace(
                                        "PLATFORM_CASES_PAYMENTS_GOVUKPAY_APIKEY",
                                        "GOVUK_PAY_KEY"));
        files.put(
                "deploy/k8s/overlays/dev/environment.yaml",
                files.get("deploy/k8s/overlays/dev/environment.yaml")
                        .replace(
                                "            base-url: https://publicapi",
                                "            api-key: api_test_committed\n"
                                        + "            base-url: https://publicapi"));
        files.put(
                "deploy/k8s/overlays/production/kustomization.yaml",
                files.get("deploy/k8s/overlays/production/kustomization.yaml")
                        .replace("  - environment.yaml\n", ""));

        assertThat(ManifestChecks.problems(files, topology, root))
                .contains(
                        "dev: ConfigMap platform-environment carries"
                                + " platform.cases.payments.govuk-pay.api-key in plain text",
                        "dev: case-service needs platform.cases.payments.govuk-pay.api-key from a"
                                + " Secret (PLATFORM_CASES_PAYMENTS_GOVUKPAY_APIKEY)",
                        "production: sap-adapter reads ConfigMap platform-environment, which is not"
                                + " in the overlay")
                .noneMatch(p -> p.startsWith("dev: sap-adapter"));
    }

    @Test
    void aTypoInAProbePathIsFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/base/services/case-service.yaml",
                        text ->
                                text.replace(
                                        "path: /actuator/health/readiness",
                                        "path: /actuator/health/readyness"));

        assertThat(ManifestChecks.problems(files, topology, root))
                .containsExactly(
                        "case-service: readinessProbe asks /actuator/health/readyness, the service"
                                + " serves /actuator/health/readiness");
    }

    @Test
    void aDeadLetterTopicWithoutItsKafkaTopicIsFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/base/kafka-topics.yaml",
                        text ->
                                Arrays.stream(text.split("\n---\n"))
                                        .filter(
                                                doc ->
                                                        !doc.contains(
                                                                "topicName: care.events.sap-adapter.DLT"))
                                        .collect(Collectors.joining("\n---\n")));

        assertThat(ManifestChecks.problems(files, topology, root))
                .containsExactly("topic care.events.sap-adapter.DLT has no KafkaTopic");
    }

    @Test
    void aDomainTopicWithoutItsKafkaTopicIsFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/base/kafka-topics.yaml",
                        text ->
                                Arrays.stream(text.split("\n---\n"))
                                        .filter(doc -> !doc.contains("  name: content.events\n"))
                                        .collect(Collectors.joining("\n---\n")));

        assertThat(ManifestChecks.problems(files, topology, root))
                .containsExactly("topic content.events has no KafkaTopic");
    }

    @Test
    void anAclBeyondWhatTheServiceUsesIsFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/base/kafka-users.yaml",
                        text -> text.replaceFirst("name: cases.events\n", "name: care.events\n"));

        assertThat(ManifestChecks.problems(files, topology, root))
                .singleElement()
                .asString()
                .contains("KafkaUser grants");
    }

    @Test
    void anOverlayReferenceThatDoesNotResolveIsFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/overlays/dev/kustomization.yaml",
                        text ->
                                text.replace("path: /spec/instances", "path: /spec/instance")
                                        .replace("../../base", "../../bases"));

        assertThat(ManifestChecks.problems(files, topology, root))
                .contains(
                        "deploy/k8s/overlays/dev/kustomization.yaml: resource ../../bases does not exist")
                .anySatisfy(p -> assertThat(p).contains("matches no resource"));
    }

    @Test
    void anIngressFromAnotherServiceThanTheGatewayIsFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/base/network-policies.yaml",
                        text ->
                                Arrays.stream(text.split("\n---\n"))
                                        .map(
                                                doc ->
                                                        doc.contains("name: case-service-ingress\n")
                                                                ? doc.replace(
                                                                        "app.kubernetes.io/name: gateway",
                                                                        "app.kubernetes.io/name: content-service")
                                                                : doc)
                                        .collect(Collectors.joining("\n---\n")));

        assertThat(ManifestChecks.problems(files, topology, root))
                .containsExactly(
                        "case-service: ingress admits {podSelector={matchLabels={app.kubernetes.io/name=content-service}}}");
    }

    @Test
    void sapAdapterEgressBeyondItsPeersIsFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/base/network-policies.yaml",
                        text -> text.replace("- port: 5432\n", "- port: 5433\n"));

        assertThat(ManifestChecks.problems(files, topology, root))
                .singleElement()
                .asString()
                .startsWith("sap-adapter: egress to");
    }

    @Test
    void aServiceMigratingAsTheRoleItRunsAsIsFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/base/services/care-service.yaml",
                        text ->
                                text.replace(
                                        "name: SPRING_FLYWAY_USER\n",
                                        "name: SPRING_FLYWAY_USERNAME\n"));

        assertThat(ManifestChecks.problems(files, topology, root))
                .containsExactly(
                        "care-service: migrates as care_service but Flyway's user is not its own"
                                + " Secret");
    }

    @Test
    void aLatestTagAndAPlainTextPasswordAreFound() {
        Map<String, String> files =
                edit(
                        "deploy/k8s/base/services/content-service.yaml",
                        text ->
                                text.replace(
                                                "content-service:0.1.0-SNAPSHOT",
                                                "content-service:latest")
                                        .replace(
                                                "            - name: JAVA_TOOL_OPTIONS\n",
                                                "            - name: SPRING_DATASOURCE_PASSWORD\n"
                                                        + "              value: content_service\n"
                                                        + "            - name: JAVA_TOOL_OPTIONS\n"));

        assertThat(ManifestChecks.problems(files, topology, root))
                .contains(
                        "deploy/k8s/base/services/content-service.yaml: image registry.hertfordshire.gov.uk/platform/content-service:latest has no pinned tag",
                        "deploy/k8s/base/services/content-service.yaml: SPRING_DATASOURCE_PASSWORD is written in plain text");
    }

    private static String dockerfile() throws IOException {
        return Files.readString(root.resolve(ImageChecks.DOCKERFILE));
    }

    private static Map<String, String> edit(
            String file, java.util.function.UnaryOperator<String> change) {
        Map<String, String> files = new TreeMap<>(generated);
        String changed = change.apply(files.get(file));
        assertThat(changed).as("the planted mistake changed " + file).isNotEqualTo(files.get(file));
        files.put(file, changed);
        return files;
    }
}
