package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Two instances of case-service listed in {@code platform.services.case-service}: the gateway
 * spreads requests over both, leaves out one that stops or stops being ready, and sends to it again
 * once it is back. Readiness is asked every 200 ms here (1 s in application.yml).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.loadbalancer.health-check.interval=200ms")
class GatewayLoadBalancingTest {

    static final StubService first = new StubService();
    static final int secondPort = StubService.closedPort();
    static volatile StubService second = new StubService(secondPort);

    static final TestIssuer issuer = TestIssuer.shared();
    static final String TOKEN = issuer.citizen("lb-alice").encode();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        issuer.trustProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add(
                "platform.services.case-service",
                () -> first.url() + ", http://127.0.0.1:" + secondPort);
        registry.add("platform.services.content-service", first::url);
    }

    @AfterAll
    static void stop() {
        first.stop();
        second.stop();
    }

    @LocalServerPort int port;
    @Autowired LoadBalancerClientFactory loadBalancers;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void bothUpAndReady() throws Exception {
        first.ready = true;
        second.ready = true;
        // The service's LoadBalancer context, and its checks, start with its first request.
        send("GET", "/api/cases/warm-up");
        awaitChosenFrom(first, second);
    }

    @Test
    void requestsGoToEachListedInstanceInTurn() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(send("GET", "/api/cases/spread").statusCode()).isEqualTo(200);
        }

        assertThat(first.hits("/api/cases/spread")).isEqualTo(5);
        assertThat(second.hits("/api/cases/spread")).isEqualTo(5);
    }

    @Test
    void aStoppedInstanceIsLeftOutEveryRequestSucceedsMeanwhileAndItGetsTrafficWhenBack()
            throws Exception {
        second.stop();
        // Before and after its removal: a refused connection goes to the other instance, reads
        // and writes alike.
        for (int i = 0; i < 10; i++) {
            assertThat(send("GET", "/api/cases/stopped-read-" + i).statusCode()).isEqualTo(200);
            assertThat(send("POST", "/api/cases/stopped-write-" + i).statusCode()).isEqualTo(200);
        }
        awaitChosenFrom(first);
        int before = first.hitsStartingWith("/api/cases/left-out");
        for (int i = 0; i < 10; i++) {
            assertThat(send("POST", "/api/cases/left-out-" + i).statusCode()).isEqualTo(200);
        }
        assertThat(first.hitsStartingWith("/api/cases/left-out") - before).isEqualTo(10);

        second =
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> restart(secondPort), s -> s != null);
        awaitChosenFrom(first, second);
        for (int i = 0; i < 10; i++) {
            assertThat(send("GET", "/api/cases/back").statusCode()).isEqualTo(200);
        }
        assertThat(second.hits("/api/cases/back")).isEqualTo(5);
    }

    @Test
    void anInstanceThatSaysItIsNotReadyIsLeftOutThoughItStillAnswers() throws Exception {
        second.ready = false;
        awaitChosenFrom(first);
        for (int i = 0; i < 6; i++) {
            assertThat(send("GET", "/api/cases/draining").statusCode()).isEqualTo(200);
        }
        assertThat(first.hits("/api/cases/draining")).isEqualTo(6);
        assertThat(second.hits("/api/cases/draining")).isZero();
    }

    @Test
    void withNoInstanceReadyEveryListedOneIsStillTried() throws Exception {
        second.ready = false;
        awaitChosenFrom(first);
        first.ready = false;
        // Not one left out: the checks might be what is wrong, and both still answer.
        awaitChosenFrom(first, second);
        for (int i = 0; i < 4; i++) {
            assertThat(send("GET", "/api/cases/none-ready").statusCode()).isEqualTo(200);
        }
        assertThat(first.hits("/api/cases/none-ready")).isEqualTo(2);
        assertThat(second.hits("/api/cases/none-ready")).isEqualTo(2);
    }

    @Test
    void aServiceWithOneAddressIsRoutedThereWithoutChecks() throws Exception {
        assertThat(send("GET", "/api/content/single").statusCode()).isEqualTo(200);
        assertThat(first.hits("/api/content/single")).isEqualTo(1);
        assertThat(chosenFrom("content-service")).containsExactly(first.port());
    }

    private void awaitChosenFrom(StubService... instances) {
        Set<Integer> ports =
                Arrays.stream(instances).map(StubService::port).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> chosenFrom("case-service"), ports::equals);
    }

    /** The ports LoadBalancer chooses from just now. */
    private Set<Integer> chosenFrom(String service) {
        return loadBalancers
                .getInstance(service, ServiceInstanceListSupplier.class)
                .get()
                .blockFirst(Duration.ofSeconds(5))
                .stream()
                .map(ServiceInstance::getPort)
                .collect(Collectors.toSet());
    }

    private static StubService restart(int port) {
        try {
            return new StubService(port);
        } catch (UncheckedIOException portNotFreeYet) {
            return null;
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
}
