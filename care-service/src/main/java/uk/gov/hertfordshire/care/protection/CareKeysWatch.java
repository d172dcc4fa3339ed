package uk.gov.hertfordshire.care.protection;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Looks at the care key file every {@code platform.care.keys.reload-interval} (2 s) and reloads it
 * when it changed ({@link CareKeys#reloadIfChanged()}: a stat per run), so every instance takes up
 * a new active key within that interval without being asked; only the instance that takes a key
 * rotation request reloads at once.
 *
 * <p>Not one of the jobs {@code platform.care.scheduling} switches off (that is for jobs with
 * effects the tests drive themselves): an instance still sealing under a key the file no longer
 * makes active puts rows under a key a rotation has already moved everything else from, and an
 * operator retiring that key would make them unreadable (ADR 11).
 */
class CareKeysWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CareKeysWatch.class);

    private final CareKeys keys;
    private final Duration interval;
    private volatile ScheduledExecutorService watch;

    CareKeysWatch(CareKeys keys, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("platform.care.keys.reload-interval must be > 0");
        }
        this.keys = keys;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (watch != null) {
            return;
        }
        watch =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "care-keys-watch");
                            thread.setDaemon(true);
                            return thread;
                        });
        long millis = interval.toMillis();
        watch.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            keys.reloadIfChanged();
        } catch (RuntimeException e) {
            // Never let one failure end the schedule: the next run looks again.
            log.warn("Looking at the care key file failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (watch != null) {
            watch.shutdownNow();
            try {
                watch.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watch = null;
        }
    }

    @Override
    public boolean isRunning() {
        return watch != null;
    }
}
