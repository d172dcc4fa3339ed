package uk.gov.hertfordshire.platform.support.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.support.ServiceDefaultsAccess;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure.Database;

/**
 * A service starting while PostgreSQL is too busy to answer within the driver's login timeout (the
 * whole platform starting at once on two cores) keeps trying for its first connection, rather than
 * dying in Flyway. The database here is real; in front of it, a relay that accepts connections and
 * says nothing on the first two, as a starved server does, then passes bytes both ways.
 */
class ALateDatabaseAtStartTest {

    private static final String HIKARI = "spring.datasource.hikari.";

    @Test
    void thePoolKeepsTryingForItsFirstConnectionWhileTheDatabaseIsSilent() throws Exception {
        Database database = TestInfrastructure.shared().newDatabase("late-start");
        Matcher url = Pattern.compile("//([^:/]+):(\\d+)/").matcher(database.jdbcUrl());
        assertThat(url.find()).isTrue();
        try (SilentThenRelaying relay =
                new SilentThenRelaying(url.group(1), Integer.parseInt(url.group(2)), 2)) {
            String throughRelay =
                    database.jdbcUrl()
                            .replaceFirst("//[^/]+/", "//127.0.0.1:" + relay.port() + "/");

            // Control, the one thing changed: Hikari's own default, a single attempt. The driver's
            // login timeout (3 s) ends it on the first, silent, connection.
            HikariConfig oneAttempt = servicesPool(database, throughRelay);
            oneAttempt.setInitializationFailTimeout(1);
            assertThatThrownBy(() -> new HikariDataSource(oneAttempt).close())
                    .isInstanceOf(PoolInitializationException.class)
                    .hasStackTraceContaining("Connection attempt timed out");

            // The services' defaults: it keeps trying, and connects once the database answers.
            try (HikariDataSource pool =
                            new HikariDataSource(servicesPool(database, throughRelay));
                    Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(2)).isTrue();
            }
            // Its first attempt met the silence too (the control made the other): it did retry.
            assertThat(relay.silenced()).isEqualTo(2);
        }
    }

    /** A pool as Spring Boot makes it from the services' defaults ({@code ServiceDefaults}). */
    private static HikariConfig servicesPool(Database database, String jdbcUrl) {
        Map<String, Object> defaults = ServiceDefaultsAccess.defaults();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setConnectionTimeout(number(defaults, HIKARI + "connection-timeout"));
        config.setInitializationFailTimeout(
                number(defaults, HIKARI + "initialization-fail-timeout"));
        for (String property : List.of("connectTimeout", "loginTimeout")) {
            config.addDataSourceProperty(
                    property,
                    defaults.get(HIKARI + "data-source-properties[" + property + "]").toString());
        }
        return config;
    }

    private static long number(Map<String, Object> defaults, String key) {
        assertThat(defaults).containsKey(key);
        return Long.parseLong(defaults.get(key).toString());
    }

    /**
     * Accepts connections on a port of its own. On the first {@code silentConnections} it says
     * nothing (nor closes them), as a server too busy to answer; it relays each later one to the
     * database. Counted, not timed, so a slow machine changes nothing.
     */
    private static final class SilentThenRelaying implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger silenced = new AtomicInteger();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        SilentThenRelaying(String host, int port, int silentConnections) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon(
                    () -> {
                        while (!server.isClosed()) {
                            try {
                                Socket client = server.accept();
                                sockets.add(client);
                                if (silenced.get() < silentConnections) {
                                    silenced.incrementAndGet();
                                    continue;
                                }
                                Socket database = new Socket(host, port);
                                sockets.add(database);
                                pump(client, database);
                                pump(database, client);
                            } catch (IOException e) {
                                return; // closed
                            }
                        }
                    });
        }

        private static void daemon(Runnable work) {
            Thread thread = new Thread(work, "late-database-relay");
            thread.setDaemon(true); // Java 17: no Thread.ofPlatform()
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int silenced() {
            return silenced.get();
        }

        private static void pump(Socket from, Socket to) {
            daemon(
                    () -> {
                        try (InputStream in = from.getInputStream();
                                OutputStream out = to.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // one side closed: the other follows
                        }
                    });
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
