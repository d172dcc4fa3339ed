package uk.gov.hertfordshire.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./platform bench ...} runs against a platform of its own (deploy/local/bench/
 * own-platform.sh): a new data folder beside the user's, deleted afterwards, and a loopback of its
 * own, so the user's platform is neither written to nor reached. The script's {@code --run --no-up}
 * form runs a probe in exactly the place a benchmark runs, without starting a platform.
 */
class BenchPlatformTest {

    private static final Logger log = LoggerFactory.getLogger(BenchPlatformTest.class);

    static final Path SCRIPT =
            RepositoryDocumentsTest.ROOT.resolve("deploy/local/bench/own-platform.sh");

    /** Prints the data folder it was given and whether a port on 127.0.0.1 answers. */
    static final String PROBE =
            "echo \"data=$PLATFORM_DATA\"; test -d \"$PLATFORM_DATA\" && echo exists;"
                    + " if (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null;"
                    + " then echo port=answers; else echo port=silent; fi";

    @TempDir Path userData;

    @Test
    void aBenchmarkRunsOnADataFolderAndALoopbackOfItsOwnAndLeavesNoFolderBehind() throws Exception {
        requireNetworkNamespaces();
        try (ServerSocket usersPlatform =
                new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(usersPlatform.getLocalPort());

            // The probe on its own sees the user's data folder and reaches the listening port...
            String direct = run(Map.of(), "bash", "-c", PROBE, "probe", port);
            assertThat(direct).contains("data=" + userData, "exists", "port=answers");

            // ...and through the wrapper, neither.
            String own = probeThroughTheWrapper(Map.of(), port);

            assertThat(own).contains("exists", "port=silent").doesNotContain("port=answers");
            Path benchData = Path.of(line(own, "data="));
            assertThat(benchData.getParent()).isEqualTo(userData);
            assertThat(benchData).doesNotExist();
            try (var left = Files.list(userData)) {
                assertThat(left).as("what the benchmark left in the data folder").isEmpty();
            }
        }
    }

    @Test
    void aFolderTheUserNamesIsUsedAndKept() throws Exception {
        requireNetworkNamespaces();
        Path named = userData.resolve("my-bench");

        String own = probeThroughTheWrapper(Map.of("PLATFORM_BENCH_DATA", named.toString()), "1");

        assertThat(line(own, "data=")).isEqualTo(named.toString());
        assertThat(named).isDirectory();
    }

    /** The probe run where a benchmark runs: {@code own-platform.sh --run --no-up}. */
    private String probeThroughTheWrapper(Map<String, String> env, String port) throws Exception {
        return run(env, SCRIPT.toString(), "--run", "--no-up", "bash", "-c", PROBE, "probe", port);
    }

    private String run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        builder.environment().put("PLATFORM_DATA", userData.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static String line(String output, String prefix) {
        return output.lines()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + output));
    }

    private static void requireNetworkNamespaces() throws IOException, InterruptedException {
        List<String> probe =
                new ArrayList<>(
                        List.of(
                                "unshare",
                                "--user",
                                "--map-root-user",
                                "--net",
                                "--",
                                "ip",
                                "link",
                                "set",
                                "lo",
                                "up"));
        int exit;
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            exit = process.waitFor();
        } catch (IOException e) {
            exit = -1;
        }
        if (exit != 0) {
            log.warn(
                    """

                    ************************************************************************
                    * SKIPPED: this machine allows no unprivileged network namespace       *
                    * (unshare --user --net, or ip, is missing or refused), so the check   *
                    * that ./platform bench runs on a loopback of its own did not run.     *
                    * The benchmarks here refuse while the platform's ports are taken.     *
                    ************************************************************************
                    """);
            Assumptions.abort("no unprivileged network namespace on this machine");
        }
    }
}
