package uk.gov.hertfordshire.platform.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own (the embedded binaries from Maven Central), for fault tests:
 * {@link #stopImmediately()} is {@code pg_ctl stop -m immediate} (every backend killed, no
 * checkpoint: a crash, as far as the data is concerned), and {@link #start()} starts it again on
 * the same port and data directory, where it recovers from its write-ahead log as after a crash.
 *
 * <p>Never the shared server: a test that stops PostgreSQL must own it.
 */
public final class PostgresProcess implements AutoCloseable {

    private static final String USER = "postgres";

    private final Path dataDirectory;
    private final int port;
    private final EmbeddedPostgres embedded;
    private final Path postgres;

    private PostgresProcess(
            Path dataDirectory, int port, EmbeddedPostgres embedded, Path postgres) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.embedded = embedded;
        this.postgres = postgres;
    }

    /** Initialises a fresh data directory and starts a server on a free loopback port. */
    public static PostgresProcess startNew() {
        try {
            Path directory = Files.createTempDirectory("postgres-process");
            int port = freePort();
            EmbeddedPostgres embedded =
                    EmbeddedPostgres.builder()
                            .setDataDirectory(directory)
                            .setCleanDataDirectory(false)
                            .setPort(port)
                            .start();
            return new PostgresProcess(directory, port, embedded, postgresBinary(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an empty database on this server and returns its connection details. */
    public TestInfrastructure.Database newDatabase(String name) {
        String database = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, USER);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database, e);
        }
        return new TestInfrastructure.Database(jdbcUrl(database), USER, USER);
    }

    public int port() {
        return port;
    }

    /**
     * Stops the server as {@code pg_ctl stop -m immediate} does, by sending the postmaster SIGQUIT
     * ({@code pg_ctl} itself refuses to run as root, as a build container often is), and waits
     * until it is gone.
     */
    public void stopImmediately() {
        long pid = postmasterPid();
        ProcessHandle postmaster =
                ProcessHandle.of(pid)
                        .orElseThrow(() -> new IllegalStateException("No postmaster " + pid));
        run(List.of("kill", "-QUIT", Long.toString(pid)));
        try {
            postmaster.onExit().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The postmaster did not stop within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the server again on the same port and data directory and waits until it serves. */
    public void start() {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As the embedded server itself is started: PostgreSQL will not run as root, so in a
            // user namespace of its own where it is not.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(
                List.of(
                        postgres.toString(),
                        "-D",
                        dataDirectory.toString(),
                        "-p",
                        Integer.toString(port),
                        "-F"));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(
                                        dataDirectory.resolve("restarted.log").toFile()));
        // The embedded binaries carry their libraries beside them.
        builder.environment()
                .put("LD_LIBRARY_PATH", postgres.getParent().resolveSibling("lib").toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!isRunning()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "PostgreSQL did not start again: " + log("restarted.log"));
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Whether the server accepts connections now. */
    public boolean isRunning() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, USER)) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (isRunning()) {
            stopImmediately();
        }
        try {
            embedded.close();
        } catch (IOException | RuntimeException e) {
            // Already stopped above; the embedded server's own stop has nothing left to do.
        }
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(
                    Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String log(String name) {
        try {
            return Files.readString(dataDirectory.resolve(name));
        } catch (IOException e) {
            return "(no " + name + ")";
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        command
                                + " failed: "
                                + new String(process.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The running server's own binary: the embedded binaries are unpacked to a directory of their
     * own, found here through the postmaster's process.
     */
    private static Path postgresBinary(Path dataDirectory) throws IOException {
        String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
        return Files.readSymbolicLink(Path.of("/proc", pid, "exe"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
