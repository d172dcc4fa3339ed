package uk.gov.hertfordshire.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.testsupport.TestRedis;

/**
 * Where the limit is kept decides whether replicas share it. Two {@code RedisBuckets} stand for two
 * gateway replicas.
 */
class RateLimitBucketsTest {

    private static final LimitsProperties.Rate FIVE_PER_MINUTE =
            new LimitsProperties.Rate(5, 1, Duration.ofHours(1));

    @Test
    void replicasSharingARedisShareOneLimitWhileInMemoryReplicasEachHaveTheirOwn() {
        String key = "caller:" + UUID.randomUUID();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // The 250 ms production timeout is about speed; this test is about sharing, so a loaded
        // machine's slow first calls (connection, script loading) must not become local decisions
        // (which made this test count 10 under load).
        Duration patient = Duration.ofSeconds(10);
        try (TestRedis redis = TestRedis.start();
                RedisBuckets first = new RedisBuckets(redis.uri(), meters, patient);
                RedisBuckets second = new RedisBuckets(redis.uri(), meters, patient)) {
            int shared = consumedAlternating(first, second, key, 10);
            int separate = consumedAlternating(new LocalBuckets(), new LocalBuckets(), key, 10);

            assertThat(meters.get("gateway.ratelimit.redis.fallbacks").counter().count())
                    .as("every decision was Redis's")
                    .isZero();
            assertThat(shared).as("one limit of 5 across both replicas").isEqualTo(5);
            assertThat(separate).as("5 per replica in memory").isEqualTo(10);
        }
    }

    @Test
    void withRedisUnreachableEachReplicaStillLimitsOnItsOwn() throws IOException {
        String key = "caller:" + UUID.randomUUID();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (RedisBuckets replica = new RedisBuckets("redis://127.0.0.1:" + closedPort(), meters)) {
            int consumed = 0;
            for (int i = 0; i < 8; i++) {
                if (replica.consume(key, FIVE_PER_MINUTE).block().isConsumed()) {
                    consumed++;
                }
            }
            assertThat(consumed).as("not fail-open (8), not fail-closed (0)").isEqualTo(5);
            assertThat(meters.get("gateway.ratelimit.redis.fallbacks").counter().count())
                    .isEqualTo(8);
        }
    }

    private static int consumedAlternating(
            RateLimitBuckets first, RateLimitBuckets second, String key, int requests) {
        int consumed = 0;
        for (int i = 0; i < requests; i++) {
            RateLimitBuckets replica = i % 2 == 0 ? first : second;
            if (replica.consume(key, FIVE_PER_MINUTE).block().isConsumed()) {
                consumed++;
            }
        }
        return consumed;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
