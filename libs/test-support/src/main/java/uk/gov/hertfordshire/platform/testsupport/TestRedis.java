package uk.gov.hertfordshire.platform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;
import redis.embedded.RedisServer;

/**
 * A real Redis server for one test, got the way Kafka and PostgreSQL are ({@link
 * TestInfrastructure}): in a container where a Docker engine answers, otherwise the Redis binary
 * that {@code com.github.codemonstur:embedded-redis} brings from Maven Central, on a free loopback
 * port, without persistence. A module that uses it declares {@code embedded-redis} itself (test
 * scope): this library carries it as optional.
 */
public abstract class TestRedis implements AutoCloseable {

    static final String IMAGE = "redis:7.4-alpine";

    private static final Logger log = LoggerFactory.getLogger(TestRedis.class);

    /** Starts one; {@link #close()} stops it. */
    public static TestRedis start() {
        TestRedis redis =
                TestInfrastructure.chooseKind() == TestInfrastructure.Kind.CONTAINERS
                        ? new InContainer()
                        : new Embedded();
        log.info("Started test Redis at {}", redis.uri());
        return redis;
    }

    /** Where clients connect, e.g. {@code redis://127.0.0.1:6379}. */
    public abstract String uri();

    @Override
    public abstract void close();

    private static final class InContainer extends TestRedis {

        private final GenericContainer<?> container =
                new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(6379);

        InContainer() {
            container.start();
        }

        @Override
        public String uri() {
            return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    private static final class Embedded extends TestRedis {

        private final int port = freePort();
        private final RedisServer server;

        Embedded() {
            try {
                server =
                        RedisServer.newRedisServer()
                                .port(port)
                                .bind("127.0.0.1")
                                .setting("save \"\"")
                                .setting("appendonly no")
                                .build();
                // Returns once the server says it is ready to accept connections.
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded Redis server", e);
            }
        }

        @Override
        public String uri() {
            return "redis://127.0.0.1:" + port;
        }

        @Override
        public void close() {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not stop the embedded Redis server", e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
