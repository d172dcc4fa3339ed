package uk.gov.hertfordshire.platform.local.commands;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import uk.gov.hertfordshire.platform.local.cluster.Cluster;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * What {@code ./platform} runs for {@code token}, {@code api-key}, {@code deadletters} (and its old
 * name {@code replay}), {@code care}, {@code analytics} and {@code sap}: the first argument names
 * the command, the rest are its own. The script passes the repository's root and whether its
 * standard output is a terminal:
 *
 * <pre>
 * java -Dplatform.root=. -Dplatform.tty=1 -cp 'deploy/local/target/lib/*:...' \
 *     uk.gov.hertfordshire.platform.local.commands.PlatformCommands token officer-dan
 * </pre>
 *
 * Exit codes are the commands' own: 0 done, 1 failed (the reason on standard error), and for {@code
 * sap reconcile} also 1 mismatches, 2 bad usage, 3 not run.
 */
public final class PlatformCommands {

    private final LocalPlatform platform;
    private final Console console;
    private final Clock clock;
    private final Duration pollEvery;

    PlatformCommands(LocalPlatform platform, Console console, Clock clock, Duration pollEvery) {
        this.platform = platform;
        this.console = console;
        this.clock = clock;
        this.pollEvery = pollEvery;
    }

    public static void main(String[] args) {
        Path root =
                System.getProperty("platform.root") == null
                        ? Topology.repositoryRoot()
                        : Path.of(System.getProperty("platform.root"));
        // The launcher sets platform.data ($PLATFORM_DATA, resolved); run alone, the default
        // folder.
        Path data = Path.of(System.getProperty("platform.data", root.resolve("data").toString()));
        LocalPlatform platform =
                new LocalPlatform(
                        Topology.load(root.resolve(Topology.DECLARATION)), Cluster.runsOn(data));
        Console console =
                new Console(System.out, System.err, "1".equals(System.getProperty("platform.tty")));
        System.exit(
                new PlatformCommands(
                                platform,
                                console,
                                Clock.systemDefaultZone(),
                                Duration.ofMillis(500))
                        .run(List.of(args)));
    }

    /** Runs one command; its exit code. */
    int run(List<String> args) {
        String command = args.isEmpty() ? "" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        TokenCommand tokens = new TokenCommand(platform, console);
        try {
            return switch (command) {
                case "token" -> tokens.run(rest);
                case "api-key" -> new ApiKeyCommand(platform, console, tokens).run(rest);
                case "deadletters", "replay" ->
                        new DeadLettersCommand(platform, console, tokens).run(rest);
                case "care" -> new CareCommand(platform, console, tokens).run(rest);
                case "analytics" ->
                        new AnalyticsCommand(platform, console, tokens, pollEvery).run(rest);
                case "sap" -> new SapCommand(platform, console, tokens, clock).run(rest);
                default -> {
                    console.note(
                            "usage: PlatformCommands token|api-key|deadletters|care|analytics|sap"
                                    + " [arguments]   (./platform help)");
                    yield 2;
                }
            };
        } catch (CommandFailure failure) {
            console.fail(failure);
            return failure.exitCode();
        }
    }
}
