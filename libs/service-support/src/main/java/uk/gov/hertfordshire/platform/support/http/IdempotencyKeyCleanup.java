package uk.gov.hertfordshire.platform.support.http;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired Idempotency-Keys a minute after start and every hour after, on a daemon thread of
 * its own ({@code idempotency-key-cleanup}), whatever else the service schedules.
 */
final class IdempotencyKeyCleanup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(
                    runnable -> {
                        Thread thread = new Thread(runnable, "idempotency-key-cleanup");
                        thread.setDaemon(true);
                        return thread;
                    });

    IdempotencyKeyCleanup(IdempotencyStore store) {
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        store.deleteExpired();
                    } catch (RuntimeException e) {
                        log.warn("Expired Idempotency-Key clean-up failed: {}", e.getMessage());
                    }
                },
                1,
                60,
                TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
