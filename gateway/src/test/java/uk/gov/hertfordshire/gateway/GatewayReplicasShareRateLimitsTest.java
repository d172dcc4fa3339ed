package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import uk.gov.hertfordshire.platform.testsupport.TestRedis;

/**
 * Two whole gateways, as the cluster runs them behind nginx, each sent every other request from the
 * same address: sharing one Redis they hold that address to one limit together (ADR 5); each with
 * its own memory, the positive control, they let through twice as many.
 */
class GatewayReplicasShareRateLimitsTest {

    static final StubService caseService = new StubService();

    @AfterAll
    static void stop() {
        caseService.stop();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void twoGatewaysSharingARedisHoldAnAddressToOneLimitWhileTwoOnTheirOwnLetThroughTwice()
            throws Exception {
        int shared;
        try (TestRedis redis = TestRedis.start();
                ConfigurableApplicationContext first = gateway(redis.uri());
                ConfigurableApplicationContext second = gateway(redis.uri())) {
            shared = servedAlternating(first, second, "/open311/v2/services.json");

            for (ConfigurableApplicationContext gateway : List.of(first, second)) {
                assertThat(
                                gateway.getBean(MeterRegistry.class)
                                        .get("gateway.ratelimit.redis.fallbacks")
                                        .counter()
                                        .count())
                        .as("every decision was Redis's")
                        .isZero();
            }
        }
        int separate;
        try (ConfigurableApplicationContext first = gateway("");
                ConfigurableApplicationContext second = gateway("")) {
            separate = servedAlternating(first, second, "/open311/v2/services.json");
        }

        assertThat(shared).as("one limit of 5 across both gateways").isEqualTo(5);
        assertThat(separate).as("5 in each gateway's memory").isEqualTo(10);
    }

    /** Of ten anonymous requests from this address, sent to each gateway in turn, how many pass. */
    private int servedAlternating(
            ConfigurableApplicationContext first,
            ConfigurableApplicationContext second,
            String path)
            throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ConfigurableApplicationContext gateway = i % 2 == 0 ? first : second;
            String port = gateway.getEnvironment().getRequiredProperty("local.server.port");
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            statuses.add(response.statusCode());
        }
        assertThat(statuses).allMatch(status -> status == 200 || status == 429);
        return (int) statuses.stream().filter(status -> status == 200).count();
    }

    private static ConfigurableApplicationContext gateway(String redisUri) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--platform.services.case-service=" + caseService.url(),
                        "--platform.limits.anonymous.burst=5",
                        "--platform.limits.anonymous.refill=1",
                        "--platform.limits.anonymous.refill-period=1h",
                        "--platform.limits.redis-uri=" + redisUri,
                        // About sharing, not speed: a loaded machine's first Redis calls
                        // (connection, script loading) must not become local decisions.
                        "--platform.limits.redis-timeout=10s");
    }
}
