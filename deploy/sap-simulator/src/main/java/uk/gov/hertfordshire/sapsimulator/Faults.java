package uk.gov.hertfordshire.sapsimulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** What the simulator has been told to do wrong. Thread-safe; every change takes effect at once. */
public final class Faults {

    /** How the simulator answers. */
    public enum Mode {
        /** Answers normally. */
        HEALTHY,
        /** Every SAP call answers 503, as SAP's web dispatcher does in a maintenance window. */
        DOWN,
        /** Every SAP call waits {@link #delay()} before it is handled. */
        SLOW,
        /** A journal entry is committed, then the answer waits {@link #delay()} before it goes. */
        TIMEOUT_AFTER_COMMIT,
        /**
         * A posting (journal entry or purchase order) takes {@link #delay()} to process: it is
         * committed and answered only then, and until then a look-up does not find it. Reads answer
         * at once. SAP under load, still processing when the caller gives up.
         */
        SLOW_COMMIT,
        /**
         * A posting (journal entry or purchase order) is lost on its way: held {@link #delay()},
         * then the connection closes without an answer and nothing is committed. Reads answer at
         * once.
         */
        LOST_POSTING
    }

    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HEALTHY);
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger rejectionsLeft = new AtomicInteger();
    private final AtomicReference<String> rejectionMessage = new AtomicReference<>("");

    public Mode mode() {
        return mode.get();
    }

    public Duration delay() {
        return delay.get();
    }

    /** Sets the mode and its delay (ignored for healthy and down). */
    public void set(Mode newMode, Duration newDelay) {
        delay.set(newDelay);
        mode.set(newMode);
    }

    /** Back to normal: healthy, no delay, no rejections waiting. */
    public void heal() {
        set(Mode.HEALTHY, Duration.ZERO);
        rejectionsLeft.set(0);
    }

    /** The next {@code count} journal entries are refused with this message. */
    public void rejectNext(int count, String message) {
        rejectionMessage.set(message);
        rejectionsLeft.set(count);
    }

    /** The message to refuse this journal entry with, if one is still to be refused. */
    String takeRejection() {
        int left = rejectionsLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0);
        return left > 0 ? rejectionMessage.get() : null;
    }
}
