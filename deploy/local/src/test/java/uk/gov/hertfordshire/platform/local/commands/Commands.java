package uk.gov.hertfordshire.platform.local.commands;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.gov.hertfordshire.platform.topology.Component;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * Runs the commands as {@code ./platform} does, against the real topology declaration with the
 * named components moved to stand-ins' ports and every other one to a port nobody listens on.
 */
final class Commands {

    /** What a command did: its exit code and what it wrote on each stream. */
    record Result(int exit, String out, String err) {}

    private final Map<String, Integer> ports = new HashMap<>();
    private boolean terminal;
    private boolean cluster;
    private int clusterPortStep;
    private Clock clock = Clock.systemDefaultZone();

    /** Commands with the identity provider answering at {@code identityProvider}. */
    static Commands with(FakeService identityProvider) {
        return new Commands().at(TokenCommand.IDENTITY_PROVIDER, identityProvider);
    }

    Commands at(String component, FakeService service) {
        return at(component, service.port());
    }

    Commands at(String component, int port) {
        ports.put(component, port);
        return this;
    }

    /**
     * As while a cluster runs, with {@code component}'s replica 1 on {@code replica1} and replica 2
     * on {@code replica2}: its declared port and the cluster's port step are chosen so that the
     * topology's rule (declared + step * replica) lands there. Its declared port is then {@code 2 *
     * replica1 - replica2}, where the single copy would look for it.
     */
    Commands inAClusterWith(String component, int replica1, int replica2) {
        cluster = true;
        clusterPortStep = replica2 - replica1;
        ports.put(component, replica1 - clusterPortStep);
        return this;
    }

    Commands onATerminal() {
        terminal = true;
        return this;
    }

    Commands at(Clock clock) {
        this.clock = clock;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console =
                new Console(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        terminal);
        int exit =
                new PlatformCommands(
                                new LocalPlatform(topology(), cluster),
                                console,
                                clock,
                                Duration.ofMillis(1))
                        .run(List.of(args));
        return new Result(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Topology topology() {
        Topology real = Topology.load();
        int nobody = closedPort();
        List<Component> components =
                real.components().stream()
                        .map(c -> movedTo(c, ports.getOrDefault(c.name(), nobody)))
                        .toList();
        return new Topology(
                real.kafka(),
                real.postgresInstances(),
                cluster ? clusterPortStep : real.clusterPortStep(),
                components);
    }

    /** The component on one port: API and actuator both there. */
    private static Component movedTo(Component c, int port) {
        return new Component(
                c.name(),
                c.kind(),
                port,
                0,
                c.controllerPort(),
                c.metricsPort(),
                c.health(),
                c.liveness(),
                c.readiness(),
                c.replicas(),
                c.dependsOn(),
                c.database(),
                c.runtimeRole(),
                c.publishes(),
                c.subscriptions(),
                c.follows());
    }

    /** A loopback port nothing listens on (just released by the operating system). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
