package uk.gov.hertfordshire.platform.local.chaos;

import java.time.Duration;

/** Polls a condition until it holds or a limit passes. */
final class Waiting {

    /** A condition that may fail to be checked (then it counts as not yet true). */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    private static final Duration POLL = Duration.ofMillis(250);

    private Waiting() {}

    /**
     * Returns once the condition holds; throws {@link IllegalStateException} naming what was
     * awaited if it does not hold within the limit.
     */
    static void until(String what, Duration limit, Condition condition)
            throws InterruptedException {
        if (!within(limit, condition)) {
            throw new IllegalStateException("gave up after " + limit.toSeconds() + " s: " + what);
        }
    }

    /** Whether the condition came to hold within the limit. */
    static boolean within(Duration limit, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return true;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // not answering yet: look again
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(POLL);
        }
    }

    /** A fixed stretch of a scenario's timeline, or the interval between two polls. */
    static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis()); // sleep-ok: a polling interval or a scenario's timeline
    }
}
