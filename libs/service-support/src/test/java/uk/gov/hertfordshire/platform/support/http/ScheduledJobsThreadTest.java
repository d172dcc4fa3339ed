package uk.gov.hertfordshire.platform.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * A service's {@code @Scheduled} jobs run on Spring Boot's task scheduler (its pool, or virtual
 * threads on Java 21+), not on the library's Idempotency-Key clean-up thread, which would otherwise
 * stand in for it and run every job of the service one after another.
 */
@PlatformIntegrationTest
class ScheduledJobsThreadTest {

    private static volatile String jobThread;

    @Test
    void aServicesScheduledJobRunsOnSpringsSchedulerBesideTheCleanUpOnItsOwnThread() {
        await().atMost(Duration.ofSeconds(20)).until(() -> jobThread != null);

        assertThat(Thread.getAllStackTraces().keySet())
                .as("the clean-up's own thread runs")
                .extracting(Thread::getName)
                .contains("idempotency-key-cleanup");
        assertThat(jobThread).isNotEqualTo("idempotency-key-cleanup");
    }

    @TestConfiguration(proxyBeanMethods = false)
    @EnableScheduling
    static class Ticking {

        @Scheduled(fixedDelay = 100)
        void tick() {
            jobThread = Thread.currentThread().getName();
        }
    }
}
