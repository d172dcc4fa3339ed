package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the faults act on a SAP call: before it is handled, before a posting is committed, and
 * after it committed.
 */
final class SimulatorGate {

    private SimulatorGate() {}

    /** False (having answered 503) when SAP is down; waits first when it is slow. */
    static boolean enter(Faults faults, HttpExchange exchange) throws IOException {
        switch (faults.mode()) {
            case DOWN -> {
                Http.down(exchange);
                return false;
            }
            case SLOW -> pause(faults.delay());
            default -> {}
        }
        return true;
    }

    /**
     * Before a posting is committed: holds it while SAP is slow to process it; false (having held
     * it and closed the connection unanswered, nothing committed) when the posting is lost.
     */
    static boolean beforeCommit(Faults faults, HttpExchange exchange) {
        switch (faults.mode()) {
            case SLOW_COMMIT -> pause(faults.delay());
            case LOST_POSTING -> {
                pause(faults.delay());
                exchange.close();
                return false;
            }
            default -> {}
        }
        return true;
    }

    /** Holds the answer back after a commit, so the caller times out not knowing it posted. */
    static void afterCommit(Faults faults) {
        if (faults.mode() == Faults.Mode.TIMEOUT_AFTER_COMMIT) {
            pause(faults.delay());
        }
    }

    // The simulator's delay is the behaviour under test (a slow SAP), not a test waiting.
    private static void pause(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        for (long left = delay.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
