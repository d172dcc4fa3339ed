package uk.gov.hertfordshire.sap;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The adapter's clock, and its scheduled work (the posting worker, reconciliation, the HR delta).
 * Tests switch scheduling off with {@code platform.sap.scheduling=false} and call the work
 * directly, so nothing runs behind their back.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnProperty(
            name = "platform.sap.scheduling",
            havingValue = "true",
            matchIfMissing = true)
    static class Scheduling {}
}
