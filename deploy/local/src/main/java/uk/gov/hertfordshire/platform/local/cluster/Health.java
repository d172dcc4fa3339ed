package uk.gov.hertfordshire.platform.local.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Whether an instance serves: the same checks as ./platform's single mode, in Java. */
final class Health {

    private static final int TIMEOUT_MS = 2000;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MS)).build();

    private Health() {}

    static boolean check(ClusterPlan plan, Instance instance, long pid) {
        try {
            return switch (plan.probe(instance)) {
                case POSTGRES -> postgresReady(plan, pid) && postgresAccepting(instance.port());
                case KAFKA -> kafkaAnswering(instance.port());
                case REDIS -> redisAnswering(instance.port());
                case HTTP -> httpUp(instance);
                case READY -> httpOk(instance);
            };
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** LocalPostgres writes its PID into run/postgres.ready once every database is there. */
    private static boolean postgresReady(ClusterPlan plan, long pid) throws IOException {
        Path ready = plan.runDir().resolve("postgres.ready");
        return Files.isRegularFile(ready)
                && Files.readString(ready).strip().equals(String.valueOf(pid));
    }

    /**
     * PostgreSQL answers a StartupMessage (protocol 3.0, user and database "postgres") with "R" (an
     * authentication request) rather than "E" (such as "the database system is starting up").
     */
    private static boolean postgresAccepting(int port) throws IOException {
        byte[] startup = {
            0, 0, 0, 0x29, 0, 3, 0, 0, 'u', 's', 'e', 'r', 0, 'p', 'o', 's', 't', 'g', 'r', 'e',
            's', 0, 'd', 'a', 't', 'a', 'b', 'a', 's', 'e', 0, 'p', 'o', 's', 't', 'g', 'r', 'e',
            's', 0, 0
        };
        byte[] reply = exchange(port, startup, 1);
        return reply.length == 1 && reply[0] == 'R';
    }

    /**
     * Kafka processes requests: an ApiVersions v0 request comes back with its correlation id. The
     * port accepts connections before the broker serves, so a connect alone is not enough.
     */
    private static boolean kafkaAnswering(int port) throws IOException {
        byte[] request = {
            0, 0, 0, 0x12, 0, 0x12, 0, 0, 'P', 'L', 'A', 'T', 0, 8, 'p', 'l', 'a', 't', 'f', 'o',
            'r', 'm'
        };
        byte[] reply = exchange(port, request, 8);
        return reply.length == 8
                && new String(reply, 4, 4, StandardCharsets.US_ASCII).equals("PLAT");
    }

    private static boolean redisAnswering(int port) throws IOException {
        byte[] reply = exchange(port, "PING\r\n".getBytes(StandardCharsets.US_ASCII), 5);
        return new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
    }

    private static boolean httpUp(Instance instance) throws IOException, InterruptedException {
        String path = instance.component().health();
        HttpResponse<String> response =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + instance.actuatorPort()
                                                        + path))
                                .timeout(Duration.ofMillis(TIMEOUT_MS))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
    }

    private static boolean httpOk(Instance instance) throws IOException, InterruptedException {
        String path = instance.component().health() == null ? "/" : instance.component().health();
        HttpResponse<Void> response =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + instance.port() + path))
                                .timeout(Duration.ofMillis(TIMEOUT_MS))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        return response.statusCode() == 200;
    }

    private static byte[] exchange(int port, byte[] request, int replyBytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(replyBytes);
            if (reply.length > 0 && reply[0] == 'R' && replyBytes == 1) {
                out.write(new byte[] {'X', 0, 0, 0, 4}); // Terminate, so PostgreSQL logs nothing
                out.flush();
            }
            return reply;
        }
    }

    /** Whether something already listens on the port. */
    static boolean portInUse(int port) {
        if (port == 0) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
