package uk.gov.hertfordshire.platform.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static uk.gov.hertfordshire.platform.local.SystemCommands.canRun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher's view of whether a process has gone, from Linux's /proc. */
class ProcessesTest {

    /**
     * A process whose first thread has ended while another still holds a listening socket, as a
     * JVM's does while it exits from another thread: its first thread shows as a zombie, yet the
     * process runs and its port is taken. ClusterClassDataTest once found the identity provider's
     * port taken right after a stop that had judged the process gone this way.
     */
    private static final String FIRST_THREAD_GONE_SECOND_HOLDS_A_PORT =
            """
            import ctypes, socket, sys, threading
            server = socket.socket()
            server.bind(("127.0.0.1", 0))
            server.listen()
            print(server.getsockname()[1], flush=True)
            def hold():
                sys.stdin.read()  # until the test closes our standard input
                import os
                os._exit(0)
            threading.Thread(target=hold).start()
            ctypes.CDLL(None).pthread_exit(None)
            """;

    @Test
    void aProcessWhoseFirstThreadHasGoneButNotItsLastHasNotExited() throws Exception {
        assumeTrue(
                Files.isDirectory(Path.of("/proc/self/task")) && canRun("python3", "--version"),
                "SKIPPED LOUDLY: needs Linux's /proc and python3 to make such a process");
        Process process =
                new ProcessBuilder("python3", "-c", FIRST_THREAD_GONE_SECOND_HOLDS_A_PORT)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        try {
            int port =
                    Integer.parseInt(
                            new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))
                                    .readLine()
                                    .strip());
            awaitFirstThreadZombie(process.pid());

            assertThat(Health.portInUse(port)).isTrue();
            assertThat(Processes.exited(process.pid())).isFalse();
            assertThat(Processes.waitGone(List.of(process.pid()), Duration.ofMillis(500)))
                    .isFalse();

            // The control: once its last thread has gone, it has exited, and its port is free.
            process.getOutputStream().close();
            assertThat(Processes.waitGone(List.of(process.pid()), Duration.ofSeconds(10))).isTrue();
            assertThat(Health.portInUse(port)).isFalse();
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitFirstThreadZombie(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        for (int i = 0; i < 100; i++) {
            String text = Files.readString(stat);
            if (text.substring(text.lastIndexOf(')') + 2).charAt(0) == 'Z') {
                return;
            }
            Cluster.pause(Duration.ofMillis(50)); // the launcher's own wait, as waitGone's
        }
        throw new AssertionError("the first thread of " + pid + " did not end");
    }
}
