package uk.gov.hertfordshire.platform.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus's own checker, {@code promtool} (Debian package {@code prometheus}, which {@code
 * .ci/run} installs). Where it is not installed, {@link #require()} skips the test with a banner in
 * the log, so a skipped check is never mistaken for a passed one, and in CI fails it.
 */
public final class Promtool {

    private static final Logger log = LoggerFactory.getLogger(Promtool.class);

    private Promtool() {}

    /**
     * promtool's path. Without it the calling test is skipped, loudly; in CI ({@code CI=true}) it
     * fails instead, so a check CI owes cannot pass by being skipped.
     */
    public static Path require() {
        String path = System.getenv().getOrDefault("PATH", "");
        Optional<Path> found =
                Stream.of(path.split(File.pathSeparator))
                        .map(dir -> Path.of(dir, "promtool"))
                        .filter(Files::isExecutable)
                        .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String missing = "promtool is not installed (apt-get install prometheus; .ci/run does)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("In CI, " + missing);
        }
        log.warn(
                """

                ************************************************************
                * SKIPPED: promtool is not installed, so Prometheus's own   *
                * checks (rules and their unit tests, the configuration,    *
                * the metrics) were NOT run.                                *
                * Install it: apt-get install prometheus (.ci/run does).    *
                ************************************************************
                """);
        Assumptions.abort(missing);
        return null;
    }

    /** Runs promtool with the arguments (and standard input, if not null) in a directory. */
    public static Result run(Path directory, String stdin, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(require().toString());
        command.addAll(List.of(arguments));
        Process process =
                new ProcessBuilder(command)
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish within 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    /**
     * The problems {@code promtool check metrics} finds in a Prometheus exposition, one per line
     * ({@code name problem}), keeping only lint problems of metrics whose names start with one of
     * the prefixes. What is not an exposition at all is always a problem, whatever the prefixes: an
     * empty one (promtool passes it), one promtool cannot parse (an HTML error page, a truncated
     * body; promtool exits 1 with {@code error while linting: ...}), or any exit other than 0
     * (clean) or 3 (lint problems, listed).
     */
    public static List<String> metricProblems(String exposition, List<String> prefixes)
            throws IOException, InterruptedException {
        if (exposition == null || exposition.isBlank()) {
            return List.of("the exposition is empty: no metrics to check");
        }
        Result result = run(Path.of("."), exposition, "check", "metrics");
        if (result.exitCode() != 0 && result.exitCode() != 3) {
            return List.of(
                    "promtool check metrics exited "
                            + result.exitCode()
                            + " (0 clean, 3 lint problems): "
                            + result.output().strip());
        }
        List<String> lines = result.output().lines().map(String::strip).toList();
        if (result.exitCode() == 3 && lines.stream().allMatch(String::isEmpty)) {
            return List.of("promtool check metrics exited 3 without naming a problem");
        }
        return lines.stream()
                .filter(
                        line ->
                                line.startsWith("error")
                                        || prefixes.stream().anyMatch(line::startsWith))
                .toList();
    }

    /** promtool's exit code and its combined output. */
    public record Result(int exitCode, String output) {}
}
