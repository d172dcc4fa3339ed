package uk.gov.hertfordshire.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The entry point users type: {@code ./platform} is a thin script over one Java launcher ({@link
 * Platform}, ADR 0036); {@code help} lists every command the README and the tests rely on and each
 * one it lists is dispatched; an unknown command is refused with exit 2 and the usage.
 */
class PlatformScriptTest {

    private static final Path ROOT = Topology.repositoryRoot();

    /** Lines of ./platform: find Java, build the launcher when missing, hand over. */
    static final int THIN_BUDGET = 50;

    private record Result(int exit, String output) {}

    /** The launcher as the script runs it, on this module's classes. */
    private static Result launcher(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Dplatform.root=" + ROOT,
                                "-cp",
                                System.getProperty("java.class.path"),
                                Platform.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static List<String> script() throws IOException {
        return Files.readAllLines(ROOT.resolve("platform"));
    }

    @Test
    void helpListsEveryCommand() throws IOException, InterruptedException {
        Result help = launcher("help");

        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output())
                .startsWith("Usage: ./platform <command>")
                .contains(
                        "  up [-d]",
                        "  up --cluster",
                        "  down ",
                        "  status ",
                        "  logs <component>",
                        "  deadletters ",
                        "  token <persona>",
                        "  api-key <name>",
                        "  care ",
                        "  bench ",
                        "  chaos",
                        "PLATFORM_DATA",
                        "PLATFORM_PROMETHEUS_INTERVAL",
                        "PLATFORM_TRACING")
                .contains("follow a component's log (postgres kafka identity-provider gateway");
    }

    @Test
    void anUnknownCommandIsRefusedWithTheUsage() throws IOException, InterruptedException {
        Result unknown = launcher("no-such-command");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("Usage: ./platform <command>");
    }

    /** Every command help names is the launcher's or one the script still runs itself. */
    @Test
    void everyCommandInHelpIsDispatched() throws IOException {
        String help = new Platform(ROOT, ROOT.resolve("data"), false).usage();
        // A command's line: its description at column 21, or on the next line indented so.
        List<String> lines = help.lines().toList();
        List<String> named = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean described =
                    line.length() > 20 && line.startsWith("  ", 18) && line.charAt(20) != ' ';
            boolean continued = i + 1 < lines.size() && lines.get(i + 1).startsWith(" ".repeat(20));
            Matcher command = Pattern.compile("^  ([a-z][a-z-]*)").matcher(line);
            if (command.find() && (described || continued)) {
                named.add(command.group(1));
            }
        }
        assertThat(named)
                .contains("up", "down", "status", "logs", "token", "api-key", "bench", "chaos");
        assertThat(named)
                .allSatisfy(
                        c ->
                                assertThat(Platform.COMMANDS.containsKey(c))
                                        .as(c + " is dispatched")
                                        .isTrue());
        // Positive control of the check itself: a command nobody runs is not dispatched.
        assertThat(Platform.COMMANDS.containsKey("nonsense")).isFalse();
    }

    @Test
    void theScriptStaysThin() throws IOException {
        List<String> lines = script();

        assertThat(lines.size()).as("lines of ./platform").isLessThanOrEqualTo(THIN_BUDGET);
        // It starts nothing itself and calls no service: every command is the launcher's.
        assertThat(lines)
                .anyMatch(l -> l.contains("exec \"${LAUNCHER[@]}\" \"$@\""))
                .noneMatch(
                        l ->
                                l.contains("kafka.Kafka")
                                        || l.contains("setsid")
                                        || l.contains("curl "));
    }
}
