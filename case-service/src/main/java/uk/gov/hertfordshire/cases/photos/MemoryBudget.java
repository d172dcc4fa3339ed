package uk.gov.hertfordshire.cases.photos;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;

/**
 * Memory that photos being cleaned at once may take together: one budget for the uploads held in
 * memory, one for decoding them. A limit per photo is not enough: a few small PNGs of one colour
 * each decode to tens of megabytes, and sent in parallel they would exhaust the heap. Counted in
 * KiB so that a semaphore's int permits cover any sane budget.
 */
final class MemoryBudget {

    private final int capacityKib;
    private final Duration wait;
    private final Semaphore free;

    MemoryBudget(long capacityBytes, Duration wait) {
        this.capacityKib = (int) Math.min(Integer.MAX_VALUE, capacityBytes / 1024);
        this.wait = wait;
        this.free = new Semaphore(capacityKib, true);
    }

    /** Room reserved for one photo; close it when what it was reserved for is no longer held. */
    interface Reservation extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Reserves {@code bytes} of room, waiting for it if others hold it.
     *
     * @throws PhotoRefused 422 if it could never fit, 503 if there is no room within the wait
     */
    Reservation reserve(long bytes) {
        long kib = Math.max(1, (bytes + 1023) / 1024);
        if (kib > capacityKib) {
            throw new PhotoRefused(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "Photo too large to decode",
                    "The photo would take "
                            + (bytes / (1024 * 1024))
                            + " MB of memory to decode; at most "
                            + (capacityKib / 1024)
                            + " MB is allowed. Send a smaller image.");
        }
        int permits = (int) kib;
        boolean acquired;
        try {
            acquired = free.tryAcquire(permits, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new PhotoRefused(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Busy",
                    "Too many photos are being processed just now. Try again shortly.");
        }
        return () -> free.release(permits);
    }
}
