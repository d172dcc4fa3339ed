package uk.gov.hertfordshire.platform.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * What {@link Cluster} does with an application's extraction and class data archive (ADR 47) as the
 * single copy's {@code up} and {@code down} run it, with real processes: the identity provider
 * alone (it needs nothing else), its built jar a {@link FakeBoot} that Boot's extraction copies and
 * that answers the health check on the identity provider's port.
 */
class ClusterClassDataTest {

    private static final Topology TOPOLOGY = Topology.load();

    // This test's settings, whatever the shell exports.
    private static final Map<String, String> SETTINGS =
            Map.of("PLATFORM_JVM_OPTS", ClassDataTest.OPTIONS);

    @TempDir Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ClusterPlan plan;
    private Instance identity;
    private ClassData classData;

    @BeforeEach
    void aBuiltApplication() throws IOException {
        plan =
                ClusterPlan.single(
                        TOPOLOGY,
                        dir,
                        dir.resolve("data"),
                        List.of("identity-provider"),
                        List.of());
        assertThat(plan.instances())
                .extracting(Instance::name)
                .containsExactly("identity-provider");
        identity = plan.instance("identity-provider");
        // A JDK without a base archive gets none (ClusterPlan.classData): nothing here applies.
        assumeTrue(
                Files.isRegularFile(
                        Path.of(System.getProperty("java.home"), "lib/server/classes.jsa")),
                "this JDK has no base class data archive (lib/server/classes.jsa); skipped");
        classData = plan.classData(identity, SETTINGS).orElseThrow();
        FakeBoot.jar(plan.jar("identity-provider"));
    }

    @AfterEach
    void stopWhatRuns() {
        Cluster.of(plan).printingTo(new PrintStream(out, true)).down();
        ours().forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void anExtractionStillRunningWhenUpFailsIsStopped() throws Exception {
        // The extraction takes its time, and the launch fails meanwhile: its port is taken.
        Files.createDirectories(classData.home().getParent());
        Files.createFile(classData.home().resolveSibling("hold"));
        try (ServerSocket taken = listenOn(identity.port())) {
            assertThatThrownBy(() -> cluster().up())
                    .isInstanceOf(ClusterException.class)
                    .hasMessageContaining("port " + identity.port() + " is already in use");
        }

        // The control: the extraction had been started.
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("extracting the jars of identity-provider");
        for (ProcessHandle extraction : ours()) {
            assertThat(extraction.onExit()).succeedsWithin(Duration.ofSeconds(10));
        }
    }

    @Test
    void onlyAnApplicationHealthyWhenStoppedHasItsArchiveSealed() throws Exception {
        assumePortFree();
        // Not healthy in time: up gives up, down stops the JVM, which writes its archive.
        Files.createDirectories(plan.data());
        Files.createFile(plan.data().resolve("sick"));
        assertThatThrownBy(() -> cluster().withInstanceTimeout(Duration.ofSeconds(3)).up())
                .hasMessageContaining("not healthy after 3 s");
        cluster().down();
        assertThat(classData.archiveReady()).isFalse();
        assertThat(classData.archive()).doesNotExist();

        // The control: the same start, healthy.
        Files.delete(plan.data().resolve("sick"));
        cluster().up();
        cluster().down();
        assertThat(classData.archiveReady()).isTrue();
    }

    @Test
    void aStartThatDiesWithItsArchiveMappedDropsIt() throws Exception {
        assumePortFree();
        cluster().up();
        cluster().down();
        assertThat(classData.archiveReady()).isTrue();
        String mapping = "-XX:SharedArchiveFile=" + classData.archive();
        assertThat(plan.launch(identity, SETTINGS).command()).contains(mapping);

        // The control: a start that maps it and is healthy keeps it.
        cluster().up();
        cluster().down();
        assertThat(classData.archiveReady()).isTrue();

        Files.createFile(plan.data().resolve("die"));
        assertThatThrownBy(() -> cluster().up()).hasMessageContaining("exited during start-up");
        assertThat(classData.archive()).doesNotExist();
        assertThat(classData.made()).doesNotExist();
        assertThat(plan.launch(identity, SETTINGS).command())
                .doesNotContain(mapping)
                .contains(classData.writingOption());
    }

    private Cluster cluster() {
        return Cluster.of(plan)
                .printingTo(new PrintStream(out, true, StandardCharsets.UTF_8))
                .withEnvironment(SETTINGS)
                .withTimeout(Duration.ofSeconds(60));
    }

    /** The processes this test started: their command lines name its folder. */
    private List<ProcessHandle> ours() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
                .toList();
    }

    /** A listener on the port, or none if something else listens there already. */
    private static ServerSocket listenOn(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return socket;
        } catch (BindException taken) {
            socket.close();
            return null;
        }
    }

    private void assumePortFree() {
        ClassDataTest.assumeABaseArchive();
        assumeFalse(
                Health.portInUse(identity.port()),
                "SKIPPED, NOT PASSED: port "
                        + identity.port()
                        + " is in use (a platform running on this machine?), and this test runs"
                        + " an application there");
    }
}
