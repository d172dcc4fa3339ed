package uk.gov.hertfordshire.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Buckets in this gateway's memory, bounded and forgotten after ten idle minutes. */
final class LocalBuckets implements RateLimitBuckets {

    private final Cache<String, Bucket> buckets =
            Caffeine.newBuilder()
                    .maximumSize(200_000)
                    .expireAfterAccess(Duration.ofMinutes(10))
                    .build();

    @Override
    public Mono<ConsumptionProbe> consume(String key, LimitsProperties.Rate rate) {
        Bucket bucket =
                buckets.get(
                        key,
                        k ->
                                Bucket.builder()
                                        .addLimit(
                                                RateLimitBuckets.configuration(rate)
                                                        .getBandwidths()[0])
                                        .build());
        return Mono.just(bucket.tryConsumeAndReturnRemaining(1));
    }
}
