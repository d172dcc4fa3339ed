package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Where the faults act on a SAP call: before it is handled, and after a posting committed. */
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
