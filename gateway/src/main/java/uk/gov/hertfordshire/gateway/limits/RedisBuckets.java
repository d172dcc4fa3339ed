package uk.gov.hertfordshire.gateway.limits;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Buckets in a Redis that every gateway replica shares, so a client's limit holds across replicas.
 * When Redis cannot be reached the gateway neither lets everything through nor refuses everything:
 * each replica falls back to its own in-memory buckets until Redis answers again (ADR 5).
 */
final class RedisBuckets implements RateLimitBuckets, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(250);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(5);

    private final RedisClient client;
    private final LocalBuckets fallback = new LocalBuckets();
    private final Counter fallbacks;
    private final Duration timeout;
    private volatile AsyncProxyManager<String> proxies;
    private volatile Instant nextConnectAttempt = Instant.EPOCH;

    RedisBuckets(String redisUri, MeterRegistry meters) {
        this(redisUri, meters, REDIS_TIMEOUT);
    }

    /**
     * With another time Redis has to answer before a decision is taken locally: tests that are
     * about sharing, not about speed, give a loaded machine's first calls (connection, script
     * loading) room, so a slow start cannot turn into a local decision.
     */
    RedisBuckets(String redisUri, MeterRegistry meters, Duration timeout) {
        this.timeout = timeout;
        RedisURI uri = RedisURI.create(redisUri);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        this.fallbacks =
                Counter.builder("gateway.ratelimit.redis.fallbacks")
                        .description("Rate-limit decisions taken locally because Redis failed")
                        .register(meters);
    }

    @Override
    public Mono<ConsumptionProbe> consume(String key, LimitsProperties.Rate rate) {
        AsyncProxyManager<String> current = proxies();
        if (current == null) {
            fallbacks.increment();
            return fallback.consume(key, rate);
        }
        CompletableFuture<ConsumptionProbe> probe =
                current.builder()
                        .build(
                                "ratelimit:" + key,
                                () ->
                                        CompletableFuture.completedFuture(
                                                RateLimitBuckets.configuration(rate)))
                        .tryConsumeAndReturnRemaining(1);
        return Mono.fromFuture(probe)
                .timeout(timeout)
                .onErrorResume(
                        e -> {
                            fallbacks.increment();
                            log.debug(
                                    "Redis rate limit failed, deciding locally: {}", e.toString());
                            return fallback.consume(key, rate);
                        });
    }

    private AsyncProxyManager<String> proxies() {
        AsyncProxyManager<String> current = proxies;
        if (current != null || Instant.now().isBefore(nextConnectAttempt)) {
            return current;
        }
        synchronized (this) {
            if (proxies == null && !Instant.now().isBefore(nextConnectAttempt)) {
                nextConnectAttempt = Instant.now().plus(RECONNECT_PAUSE);
                try {
                    StatefulRedisConnection<String, byte[]> connection =
                            client.connect(
                                    RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                    proxies =
                            Bucket4jLettuce.casBasedBuilder(connection)
                                    .expirationAfterWrite(
                                            ExpirationAfterWriteStrategy
                                                    .basedOnTimeForRefillingBucketUpToMax(
                                                            Duration.ofMinutes(10)))
                                    .build()
                                    .asAsync();
                    log.info("Rate limits are shared through Redis");
                } catch (RuntimeException e) {
                    log.warn(
                            "Redis for shared rate limits is unreachable ({}); limiting in this"
                                    + " gateway's memory and retrying in {}",
                            e.getMessage(),
                            RECONNECT_PAUSE);
                }
            }
            return proxies;
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
