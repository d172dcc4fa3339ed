package uk.gov.hertfordshire.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The provider running on a free port of its own, with its own key directory, and the base URL set
 * to where it really listens, so the URLs in discovery documents can be followed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
abstract class RunningProvider {

    @Value("${platform.identity.base-url}")
    String baseUrl;

    @DynamicPropertySource
    static void ownPortAndKeys(DynamicPropertyRegistry registry) {
        // Called once per application context, so each cached context gets its own port.
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        Path keys = newKeyDirectory();
        registry.add("server.port", () -> port);
        registry.add("platform.identity.base-url", () -> url);
        registry.add("platform.identity.key-directory", keys::toString);
    }

    IdentityProviderClient client() {
        return new IdentityProviderClient(baseUrl);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path newKeyDirectory() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target"), "test-keys-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
