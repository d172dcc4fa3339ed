package uk.gov.hertfordshire.platform.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker and PostgreSQL server shared by every integration test in one JVM.
 *
 * <p>Which kind is started is decided once: the system property {@code
 * platform.test.infrastructure} ({@code containers} or {@code embedded}) if set, otherwise
 * Testcontainers when a Docker engine answers a ping (not merely when a docker binary exists),
 * otherwise embedded.
 */
public abstract class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final AtomicInteger databaseCounter = new AtomicInteger();
    private static volatile TestInfrastructure shared;

    /** The infrastructure for this JVM, started on first use and stopped when the JVM exits. */
    public static TestInfrastructure shared() {
        TestInfrastructure current = shared;
        if (current == null) {
            synchronized (TestInfrastructure.class) {
                current = shared;
                if (current == null) {
                    current = start(chooseKind());
                    shared = current;
                }
            }
        }
        return current;
    }

    static Kind chooseKind() {
        String forced = System.getProperty("platform.test.infrastructure", "").trim();
        if (!forced.isEmpty()) {
            return Kind.valueOf(forced.toUpperCase(Locale.ROOT));
        }
        return DockerEngine.answers() ? Kind.CONTAINERS : Kind.EMBEDDED;
    }

    private static TestInfrastructure start(Kind kind) {
        long started = System.nanoTime();
        TestInfrastructure infrastructure =
                kind == Kind.CONTAINERS
                        ? new ContainerInfrastructure()
                        : new EmbeddedInfrastructure();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(infrastructure::stop, "test-infrastructure-stop"));
        log.info(
                "Started {} test infrastructure in {} ms: kafka={} postgres={}",
                kind,
                (System.nanoTime() - started) / 1_000_000,
                infrastructure.kafkaBootstrapServers(),
                infrastructure.postgresAdminUrl());
        return infrastructure;
    }

    /** Bootstrap servers of the shared broker. */
    public abstract String kafkaBootstrapServers();

    /** A JDBC URL to the server's maintenance database, for creating databases. */
    protected abstract String postgresAdminUrl();

    protected abstract String postgresUser();

    protected abstract String postgresPassword();

    protected abstract void stop();

    public abstract Kind kind();

    /**
     * Creates an empty database of its own for one application context, so Flyway migrates from
     * scratch and no test sees another's rows.
     */
    public Database newDatabase(String purpose) {
        String name =
                purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                        + "_"
                        + databaseCounter.incrementAndGet();
        try (Connection connection =
                        DriverManager.getConnection(
                                postgresAdminUrl(), postgresUser(), postgresPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        String url = postgresAdminUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/" + name);
        return new Database(url, postgresUser(), postgresPassword());
    }

    /** Connection details of one test database. */
    public record Database(String jdbcUrl, String username, String password) {}

    /** The two ways of providing the infrastructure. */
    public enum Kind {
        CONTAINERS,
        EMBEDDED
    }
}
