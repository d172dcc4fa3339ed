package uk.gov.hertfordshire.gateway.limits;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

    @Bean
    RateLimitBuckets rateLimitBuckets(LimitsProperties limits, MeterRegistry meters) {
        return limits.redisUri().isBlank()
                ? new LocalBuckets()
                : new RedisBuckets(limits.redisUri(), meters, limits.redisTimeout());
    }

    @Bean
    RateLimitFilter rateLimitFilter(LimitsProperties limits, RateLimitBuckets buckets) {
        return new RateLimitFilter(limits, buckets);
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(LimitsProperties limits) {
        return new BodySizeLimitFilter(limits);
    }

    @Bean
    ForwardedClientAddress forwardedClientAddress(LimitsProperties limits) {
        return new ForwardedClientAddress(limits);
    }
}
