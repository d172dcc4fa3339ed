package uk.gov.hertfordshire.platform.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a real PostgreSQL for the local platform and supervises it in the foreground.
 *
 * <p>The server runs from the embedded binaries on Maven Central on {@code 127.0.0.1:5433}, keeps
 * its data in {@code <data>/postgres} across restarts, and has one database and login role per
 * service. After "ready" this process waits for SIGTERM or SIGINT and then stops PostgreSQL cleanly
 * (fast shutdown). With {@code --check} it only tries every service login and exits 0 or 1.
 *
 * <pre>
 * java -cp 'deploy/local/target/lib/*:deploy/local/target/local-platform-VERSION.jar' \
 *     uk.gov.hertfordshire.platform.local.LocalPostgres [--data DIR] [--port N] [--check]
 * </pre>
 */
public final class LocalPostgres {

    static final int DEFAULT_PORT = 5433;
    static final String HOST = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final Duration UNTIL_IT_EXITS = Duration.ofDays(365L * 1000);

    private final Settings settings;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private LocalPostgres(Settings settings) {
        this.settings = settings;
    }

    /** Where and how to run, from the command line. */
    record Settings(Path dataDir, int port, boolean check) {

        Path pgData() {
            return dataDir.resolve("postgres");
        }

        Path runDir() {
            return dataDir.resolve("run");
        }

        Path readyFile() {
            return runDir().resolve("postgres.ready");
        }

        /** The binaries are unpacked here rather than in /tmp, which may be cleaned under us. */
        Path binaries() {
            return dataDir.resolve("postgres-bin");
        }

        static Settings parse(List<String> args) {
            Path data = Path.of(Optional.ofNullable(System.getenv("PLATFORM_DATA")).orElse("data"));
            int port = DEFAULT_PORT;
            boolean check = false;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--data" -> data = Path.of(value(args, ++i, "--data"));
                    case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                    case "--check" -> check = true;
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown argument "
                                            + args.get(i)
                                            + "; usage: LocalPostgres [--data DIR] [--port N]"
                                            + " [--check]");
                }
            }
            return new Settings(data.toAbsolutePath().normalize(), port, check);
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(index);
        }
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        if (settings.check()) {
            System.exit(ServiceDatabases.canLogIn(HOST, settings.port()) ? 0 : 1);
        }
        try {
            new LocalPostgres(settings).run();
        } catch (IllegalStateException e) {
            log.error("PostgreSQL did not start: {}", e.getMessage());
            System.exit(1);
        } catch (Exception | Error e) {
            log.error("PostgreSQL did not start: {}", e.getMessage(), e);
            // Exiting runs the shutdown hooks, which stop a postmaster that did start.
            System.exit(1);
        }
    }

    private void run() throws Exception {
        refuseIfAnotherSupervisorRuns();
        Files.createDirectories(settings.runDir());
        Files.deleteIfExists(settings.readyFile());
        Files.createDirectories(settings.pgData());
        stopOrphanedPostmaster();

        // Zonky also scans its working directory for stale clusters; keep that scan inside ours.
        System.setProperty("ot.epg.working-dir", settings.binaries().toString());
        PostgresBinaries.unpack(settings.binaries());
        Path pgData = settings.pgData();
        ServerConfig.alignPostgresqlConf(pgData);
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder()
                        .setDataDirectory(settings.pgData())
                        .setCleanDataDirectory(false)
                        .setOverrideWorkingDirectory(settings.binaries().toFile())
                        .setPort(settings.port())
                        // Crash recovery after a hard stop can take longer than Zonky's 10 s.
                        .setPGStartupWait(Duration.ofSeconds(120))
                        // The postmaster inherits our stdout, so its log lines land in the same
                        // file and keep doing so if this supervisor is killed.
                        .setOutputRedirector(Redirect.INHERIT)
                        .setErrorRedirector(Redirect.INHERIT);
        ServerConfig.SETTINGS.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        ProcessHandle postmaster =
                runningPostmaster()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "PostgreSQL started but no postmaster runs"));
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> stop(postgres, postmaster), "local-postgres-stop"));

        DataSource superuser = postgres.getPostgresDatabase();
        // On the very first start initdb has only just written postgresql.conf.
        boolean confChanged = ServerConfig.alignPostgresqlConf(pgData);
        if (ServerConfig.requirePasswordsForServiceRoles(pgData) || confChanged) {
            query(superuser, "SELECT pg_reload_conf()");
        }
        ServiceDatabases.ensureAll(superuser);
        String version = query(superuser, "SHOW server_version");
        markReady();
        log.info(
                "ready: PostgreSQL {} on {}:{} (data {}, databases {}); stop with SIGTERM or"
                        + " Ctrl-C",
                version,
                HOST,
                settings.port(),
                settings.pgData(),
                String.join(", ", ServiceDatabases.NAMES));

        superviseUntilStopped(postmaster);
    }

    /**
     * Blocks until SIGTERM/SIGINT (the shutdown hook then stops PostgreSQL) or until the postmaster
     * dies on its own, in which case this process exits too, so that ./platform reports PostgreSQL
     * as down and "up" starts it again.
     */
    private void superviseUntilStopped(ProcessHandle postmaster)
            throws InterruptedException, ExecutionException {
        awaitExit(postmaster, UNTIL_IT_EXITS);
        if (stopping.get()) {
            new CountDownLatch(1).await(); // the shutdown hook finishes and the JVM exits
        }
        log.error(
                "the postmaster (pid {}) exited on its own; see the lines above", postmaster.pid());
        System.exit(1);
    }

    /** Runs in a shutdown hook. Zonky's own hook may be stopping the server at the same time. */
    private void stop(EmbeddedPostgres postgres, ProcessHandle postmaster) {
        stopping.set(true);
        try {
            Files.deleteIfExists(settings.readyFile());
        } catch (IOException e) {
            log.warn("could not remove {}: {}", settings.readyFile(), e.getMessage());
        }
        log.info("stopping PostgreSQL (fast shutdown)");
        try {
            postgres.close();
            if (awaitExit(postmaster, Duration.ofSeconds(30))) {
                log.info("stopped");
            } else {
                log.error("the postmaster (pid {}) is still running", postmaster.pid());
            }
        } catch (IOException | ExecutionException e) {
            log.error("PostgreSQL did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the process to exit.
     *
     * @return false if it still runs after {@code timeout}
     */
    private static boolean awaitExit(ProcessHandle process, Duration timeout)
            throws InterruptedException, ExecutionException {
        Instant deadline = Instant.now().plus(timeout);
        while (!exited(process)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                process.onExit().get(250, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still running: look again (onExit alone misses a zombie nobody has reaped yet)
            }
        }
        return true;
    }

    /** Zonky holds a lock on this file while a cluster runs; a second supervisor must not start. */
    private void refuseIfAnotherSupervisorRuns() throws IOException {
        Path lockFile = settings.pgData().resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            // Never create it here: initdb needs an empty directory on the first start.
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException(
                        "another LocalPostgres already runs on " + settings.pgData());
            }
        }
    }

    /**
     * A killed supervisor leaves its postmaster running (pg_ctl daemonises it). Stop that one with
     * a fast shutdown (SIGINT) so that this supervisor owns the server it starts.
     */
    private void stopOrphanedPostmaster()
            throws IOException, InterruptedException, ExecutionException {
        Optional<ProcessHandle> postmaster = runningPostmaster();
        if (postmaster.isEmpty()) {
            return;
        }
        long pid = postmaster.get().pid();
        log.warn("an orphaned postmaster (pid {}) runs on {}; stopping it", pid, settings.pgData());
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
        if (!awaitExit(postmaster.get(), Duration.ofSeconds(60))) {
            throw new IllegalStateException(
                    "postmaster " + pid + " did not stop within 60 s; stop it and retry");
        }
        log.info("orphaned postmaster stopped");
    }

    /**
     * The postmaster is not our child: once killed it stays a zombie until init reaps it, and
     * ProcessHandle still calls a zombie alive. On Linux /proc shows the difference.
     */
    private static boolean exited(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.startsWith("Z", stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return !process.isAlive();
        }
    }

    /** The postmaster named in postmaster.pid, if that process is alive and is a postgres. */
    private Optional<ProcessHandle> runningPostmaster() throws IOException {
        Path pidFile = settings.pgData().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().matches("[0-9]+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private void markReady() throws IOException {
        Path temporary = settings.runDir().resolve("postgres.ready.tmp");
        Files.writeString(temporary, ProcessHandle.current().pid() + "\n");
        Files.move(
                temporary,
                settings.readyFile(),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static String query(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
