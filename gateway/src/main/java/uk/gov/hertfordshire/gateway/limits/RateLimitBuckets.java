package uk.gov.hertfordshire.gateway.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/** Where the token buckets live: this gateway's memory, or a Redis shared by all replicas. */
interface RateLimitBuckets {

    /** Takes one token from the key's bucket, creating it with the rate if new. */
    Mono<ConsumptionProbe> consume(String key, LimitsProperties.Rate rate);

    static BucketConfiguration configuration(LimitsProperties.Rate rate) {
        return BucketConfiguration.builder()
                .addLimit(
                        Bandwidth.builder()
                                .capacity(rate.burst())
                                .refillGreedy(rate.refill(), rate.refillPeriod())
                                .build())
                .build();
    }
}
