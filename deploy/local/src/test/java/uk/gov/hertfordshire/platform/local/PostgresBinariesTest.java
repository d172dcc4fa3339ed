package uk.gov.hertfordshire.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static uk.gov.hertfordshire.platform.local.SystemCommands.canRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.hertfordshire.platform.local.PostgresBinaries.Unpacked;

/**
 * The PostgreSQL binaries a fresh data folder's first start unpacks: by the system's tar where it
 * can (several times faster), in Java where it cannot, to the same files, sizes and links either
 * way, with the same programs executable.
 */
class PostgresBinariesTest {

    @Test
    void theSystemsTarAndTheJavaFallbackUnpackTheSameRunnableBinaries(@TempDir Path dir)
            throws Exception {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        assumeTrue(
                (os.startsWith("linux") || os.startsWith("mac"))
                        && canRun("tar", "--version")
                        && canRun("xz", "--version"),
                "SKIPPED LOUDLY: not Linux or macOS with tar and xz on the PATH, so the system"
                        + " tar's way cannot be compared with the Java one here");
        Path byTar = dir.resolve("tar");
        // A tar that writes part of the binaries and fails, as one without xz support or with a
        // full disk would: the Java way takes over, and nothing of the failed attempt is left.
        Path afterAFailure = dir.resolve("after-a-failure");
        List<String> failingTar =
                List.of(
                        "sh",
                        "-c",
                        "mkdir -p \"$0/bin\" && echo partial > \"$0/bin/postgres\"; exit 2");
        Path withoutTar = dir.resolve("without-tar");

        assertThat(PostgresBinaries.unpack(byTar)).isEqualTo(Unpacked.BY_SYSTEM_TAR);
        assertThat(PostgresBinaries.unpack(afterAFailure, failingTar)).isEqualTo(Unpacked.IN_JAVA);
        assertThat(PostgresBinaries.unpack(withoutTar, List.of("no-such-tar-command")))
                .isEqualTo(Unpacked.IN_JAVA);
        assertThat(PostgresBinaries.unpack(byTar)).isEqualTo(Unpacked.ALREADY_THERE);

        Map<String, String> tarFiles = files(byTar);
        assertThat(tarFiles).containsKey("bin/postgres").containsKey("bin/initdb");
        assertThat(files(afterAFailure)).isEqualTo(tarFiles);
        assertThat(files(withoutTar)).isEqualTo(tarFiles);
        // Nothing of the unpacking, or of the failed attempt, is left beside the binaries.
        for (Path workingDir : List.of(byTar, afterAFailure, withoutTar)) {
            try (Stream<Path> left = Files.list(workingDir)) {
                assertThat(left.map(p -> p.getFileName().toString()))
                        .singleElement()
                        .asString()
                        .startsWith("PG-");
            }
        }
        Path postgres = onlyChild(byTar).resolve("bin/postgres");
        Process version = new ProcessBuilder(postgres.toString(), "--version").start();
        assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(version.getInputStream().readAllBytes()))
                .startsWith("postgres (PostgreSQL) ");
    }

    /** Every regular file and link under the one unpacked folder: its size or target, and mode. */
    private static Map<String, String> files(Path workingDir) throws IOException {
        Path root = onlyChild(workingDir);
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String name = root.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    files.put(name, "-> " + Files.readSymbolicLink(path));
                } else if (Files.isRegularFile(path)) {
                    files.put(
                            name,
                            Files.size(path)
                                    + (Files.isExecutable(path) && name.startsWith("bin/")
                                            ? " executable"
                                            : ""));
                }
            }
        }
        return files;
    }

    private static Path onlyChild(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().startsWith("PG-"))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
