package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * What a request does when the instance it was sent to fails it, in the moment before the readiness
 * checks leave that instance out. The checks run once here ({@code repeat-health-check=false}), so
 * the instances chosen from stay both listed ones whatever happens to them afterwards.
 *
 * <p>case-service: two stand-ins, the second failing its requests; content-service: two, the second
 * stopped; care-service: a stand-in and an instance that accepts the connection, reads the request
 * and closes the connection without answering, the way a replica killed mid-request looks.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.loadbalancer.health-check.repeat-health-check=false")
class GatewayRetryElsewhereTest {

    static final StubService first = new StubService();
    static final StubService second = new StubService();
    static final StubService third = new StubService();
    static final StubService fourth = new StubService();
    static final StubService care = new StubService();
    static final Dropper dropper = new Dropper();

    static final TestIssuer issuer = TestIssuer.shared();
    static final String TOKEN = issuer.citizen("retry-bob").encode();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        issuer.trustProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("platform.services.case-service", () -> first.url() + "," + second.url());
        registry.add("platform.services.content-service", () -> third.url() + "," + fourth.url());
        registry.add("platform.services.care-service", () -> care.url() + "," + dropper.url());
    }

    @AfterAll
    static void stop() {
        first.stop();
        second.stop();
        third.stop();
        fourth.stop();
        care.stop();
        dropper.close();
    }

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aReadThatAnInstanceFailsIsRetriedOnTheOther() throws Exception {
        // Both still listed (the checks ran once, at the first request), the second now failing.
        send("GET", "/api/cases/first-request");
        second.forcedStatus = 500;
        try {
            for (int i = 0; i < 6; i++) {
                String path = "/api/cases/sick-read-" + i;
                assertThat(send("GET", path).statusCode()).as(path).isEqualTo(200);
                assertThat(first.hits(path)).as(path).isEqualTo(1);
                assertThat(second.hits(path)).as(path).isLessThanOrEqualTo(1);
            }
            assertThat(second.hitsStartingWith("/api/cases/sick-read-"))
                    .as("first tries went to the failing instance")
                    .isPositive();
        } finally {
            second.forcedStatus = 0;
        }
    }

    /**
     * Every request of a burst succeeds while one of two instances refuses connections, writes
     * included, and so the service's circuit breaker (sliding window of 20, opening at 50%
     * failures) never opens on the healthy instance's behalf: the refused half never counts.
     */
    @Test
    void aRefusedConnectionSendsEvenAWriteToTheOtherInstanceAndNeverOpensTheBreaker()
            throws Exception {
        send("GET", "/api/content/first-request");
        fourth.stop();
        for (int i = 0; i < 30; i++) {
            String write = "/api/content/refused-write-" + i;
            assertThat(send("POST", write).statusCode()).as(write).isEqualTo(200);
            assertThat(third.hits(write)).as(write).isEqualTo(1);
            String read = "/api/content/refused-read-" + i;
            assertThat(send("GET", read).statusCode()).as(read).isEqualTo(200);
        }
    }

    /**
     * The positive control beside the test above: a write that reached an instance which then
     * dropped the connection is not sent again anywhere (it may have been applied), while a read in
     * the same position is retried on the other instance.
     */
    @Test
    void aWriteWhoseConnectionBrokeAfterItWasSentIsNotSentAgainWhileAReadIs() throws Exception {
        int dropped = 0;
        for (int i = 0; i < 4; i++) {
            String write = "/api/care/dropped-write-" + i;
            int before = dropper.requests.get();
            int status = send("POST", write).statusCode();
            if (dropper.requests.get() > before) {
                dropped++;
                assertThat(status).as(write).isEqualTo(503);
                assertThat(care.hits(write)).as(write + " never sent elsewhere").isZero();
            } else {
                assertThat(status).as(write).isEqualTo(200);
                assertThat(care.hits(write)).as(write).isEqualTo(1);
            }
        }
        assertThat(dropped)
                .as("round robin sent half the writes to the dropping instance")
                .isEqualTo(2);

        for (int i = 0; i < 4; i++) {
            String read = "/api/care/dropped-read-" + i;
            assertThat(send("GET", read).statusCode()).as(read).isEqualTo(200);
            assertThat(care.hits(read)).as(read).isEqualTo(1);
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + TOKEN)
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Answers its readiness check, and closes every other request's connection once it has read the
     * request: the request reached it, no answer came back.
     */
    static final class Dropper implements AutoCloseable {

        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket socket;

        Dropper() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            start(this::serve);
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    start(() -> handle(connection));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void handle(Socket connection) {
            try (connection) {
                InputStream in = connection.getInputStream();
                String head = readHead(in);
                if (head.contains(" /actuator/health/")) {
                    connection
                            .getOutputStream()
                            .write(
                                    "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                            .getBytes());
                    return;
                }
                if (!head.isEmpty()) {
                    requests.incrementAndGet();
                }
                // Closed without an answer.
            } catch (IOException ignored) {
                // The gateway went away first: nothing to record.
            }
        }

        private static void start(Runnable work) {
            Thread thread = new Thread(work, "dropper");
            thread.setDaemon(true);
            thread.start();
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) != -1) {
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            return head.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }
}
