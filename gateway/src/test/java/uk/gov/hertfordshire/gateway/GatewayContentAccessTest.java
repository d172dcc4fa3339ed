package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Anonymous callers may read content and say a public page answered their question; every other
 * write to content needs a token, and is refused at the gateway without reaching the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayContentAccessTest {

    static final HttpServer content = startContentStandIn();
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static final String ITEM =
            "/api/content/channels/web/items/0b6d6f4e-52a1-4c8e-8f0a-7d3e2c1b9a84";

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        TestIssuer.shared()
                .trustProperties()
                .forEach((name, value) -> registry.add(name, () -> value));
        registry.add(
                "platform.services.content-service",
                () -> "http://127.0.0.1:" + content.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        content.stop(0);
    }

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anonymousFeedbackOnAPublicChannelReachesTheServiceButAnAnonymousDraftDoesNot() {
        assertThat(post(ITEM + "/feedback").statusCode()).isEqualTo(200);
        assertThat(hits.get(ITEM + "/feedback")).hasValue(1);

        assertThat(post("/api/content/items").statusCode()).isEqualTo(401);
        assertThat(post("/api/content/channels/intranet/items/x/feedback").statusCode())
                .isEqualTo(401);
        assertThat(hits)
                .doesNotContainKeys(
                        "/api/content/items", "/api/content/channels/intranet/items/x/feedback");
    }

    private HttpResponse<String> post(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpServer startContentStandIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(
                    "/",
                    exchange -> {
                        hits.computeIfAbsent(
                                        exchange.getRequestURI().getPath(),
                                        p -> new AtomicInteger())
                                .incrementAndGet();
                        exchange.sendResponseHeaders(200, -1);
                        exchange.close();
                    });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
