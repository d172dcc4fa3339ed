package uk.gov.hertfordshire.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The entry point users type: {@code ./platform help} answers without starting or building anything
 * and lists every command the README and the tests rely on; an unknown command is refused with exit
 * 2 and the usage.
 */
class PlatformScriptTest {

    private static final Path ROOT = Topology.repositoryRoot();

    private record Result(int exit, String output) {}

    private static Result platform(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = ROOT.resolve("platform").toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Process process =
                new ProcessBuilder(command)
                        .directory(ROOT.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void helpListsEveryCommand() throws IOException, InterruptedException {
        Result help = platform("help");

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
                        "PLATFORM_TRACING");
    }

    /**
     * The script hands the cluster mode, chaos and the operator commands to Java classes by name:
     * each it names exists here with a {@code main}, so a rename cannot leave a command dangling.
     */
    @Test
    void everyJavaClassTheScriptRunsExists() throws Exception {
        List<String> classes =
                Pattern.compile("uk\\.gov\\.hertfordshire\\.platform\\.local\\.[a-z.]+\\.[A-Z]\\w+")
                        .matcher(Files.readString(ROOT.resolve("platform")))
                        .results()
                        .map(MatchResult::group)
                        .distinct()
                        .toList();

        assertThat(classes)
                .contains("uk.gov.hertfordshire.platform.local.commands.PlatformCommands");
        for (String name : classes) {
            assertThat(
                            Modifier.isStatic(
                                    Class.forName(name)
                                            .getMethod("main", String[].class)
                                            .getModifiers()))
                    .as(name)
                    .isTrue();
        }
    }

    @Test
    void anUnknownCommandIsRefusedWithTheUsage() throws IOException, InterruptedException {
        Result unknown = platform("no-such-command");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("Usage: ./platform <command>");
    }
}
