package uk.gov.hertfordshire.platform.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database and one login role per service, created idempotently.
 *
 * <p>Local development only: each role's password equals its name. Production credentials come from
 * the deployment, never from here.
 */
final class ServiceDatabases {

    /** Database name = role name = password, one per service that owns data. */
    static final List<String> NAMES =
            List.of(
                    "case_service",
                    "content_service",
                    "care_service",
                    "sap_adapter",
                    "analytics_service",
                    "identity");

    /**
     * Services that run as a narrower login role than the one owning their database (which only
     * migrates): care-service may only INSERT and SELECT its access audit. Role = password,
     * locally.
     */
    static final Map<String, String> RUNTIME_ROLES = Map.of("care_service", "care_service_app");

    private static final Logger log = LoggerFactory.getLogger(ServiceDatabases.class);

    /** Names end up in DDL, which cannot take bind parameters: allow only plain identifiers. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private ServiceDatabases() {}

    /** Creates every missing role and database; leaves existing ones (and their data) alone. */
    static void ensureAll(DataSource superuser) throws SQLException {
        try (Connection connection = superuser.getConnection()) {
            for (String name : NAMES) {
                ensure(connection, name);
            }
        }
    }

    private static void ensure(Connection connection, String name) throws SQLException {
        String identifier = identifier(name);
        if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "CREATE ROLE " + identifier + " LOGIN PASSWORD '" + identifier + "'");
            }
            log.info("created role {}", name);
        }
        if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
            try (Statement statement = connection.createStatement()) {
                // CREATE DATABASE cannot run inside a transaction; the connection is auto-commit.
                statement.execute("CREATE DATABASE " + identifier + " OWNER " + identifier);
            }
            log.info("created database {} owned by {}", name, name);
        }
        // Each service reaches only its own database (PUBLIC may connect to any by default).
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "REVOKE CONNECT, TEMPORARY ON DATABASE " + identifier + " FROM PUBLIC");
        }
        String runtime = RUNTIME_ROLES.get(name);
        if (runtime != null) {
            String role = identifier(runtime);
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", runtime)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + role + "'");
                }
                log.info("created runtime role {}", runtime);
            }
            // What it may do inside is granted by the service's own migrations, run as the owner.
            try (Statement statement = connection.createStatement()) {
                statement.execute("GRANT CONNECT ON DATABASE " + identifier + " TO " + role);
            }
        }
    }

    /**
     * Logs in to every service database as its own role with its password, as a service would.
     *
     * @return true when every login and a trivial query succeed
     */
    static boolean canLogIn(String host, int port) {
        boolean all = true;
        for (String name : NAMES) {
            String url =
                    "jdbc:postgresql://" + host + ":" + port + "/" + name + "?connectTimeout=5";
            try (Connection connection = DriverManager.getConnection(url, name, name);
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT 1")) {
                result.next();
                log.info("ok: {} can log in to database {}", name, name);
            } catch (SQLException e) {
                log.error(
                        "FAILED: {} cannot log in to database {}: {}", name, name, e.getMessage());
                all = false;
            }
        }
        return all;
    }

    static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }

    private static boolean exists(Connection connection, String query, String name)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }
}
