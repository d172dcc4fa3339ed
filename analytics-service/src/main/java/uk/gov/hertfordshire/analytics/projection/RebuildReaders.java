package uk.gov.hertfordshire.analytics.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a rebuild's readers share its partitions and run side by side (ADR 50): which partitions each
 * reader takes, and a thread per reader, the first failure stopping the others. What a reader does
 * with its share is {@link Rebuilder}'s.
 */
final class RebuildReaders {

    private static final Logger log = LoggerFactory.getLogger(RebuildReaders.class);

    /** How long a failed rebuild waits for its other readers to stop before it gives up. */
    private static final Duration READERS_STOP = Duration.ofMinutes(1);

    private RebuildReaders() {}

    /**
     * The partitions that hold records before the cut-off, shared among at most {@code readers}
     * readers so that each has about as many records to read: the largest partition first, each to
     * the reader with the fewest so far. Every partition goes to exactly one reader.
     */
    static List<List<Generations.Cutoff>> shares(List<Generations.Cutoff> cutoffs, int readers) {
        List<Generations.Cutoff> toRead =
                cutoffs.stream()
                        .filter(c -> c.end() > c.begin())
                        .sorted(
                                Comparator.comparingLong(
                                                (Generations.Cutoff c) -> c.end() - c.begin())
                                        .reversed()
                                        .thenComparing(Generations.Cutoff::topic)
                                        .thenComparingInt(Generations.Cutoff::partition))
                        .toList();
        int n = Math.max(1, Math.min(readers, toRead.size()));
        List<List<Generations.Cutoff>> shares = new ArrayList<>(n);
        long[] records = new long[n];
        for (int i = 0; i < n; i++) {
            shares.add(new ArrayList<>());
        }
        for (Generations.Cutoff cutoff : toRead) {
            int least = 0;
            for (int i = 1; i < n; i++) {
                if (records[i] < records[least]) {
                    least = i;
                }
            }
            shares.get(least).add(cutoff);
            records[least] += cutoff.end() - cutoff.begin();
        }
        return shares;
    }

    /**
     * Runs {@code read} for every share on a thread of its own (on the caller's thread when there
     * is one share), and returns once all have returned. Readers write rows in the same table and
     * key order as the live path, and topics in name order, so they wait for one another on shared
     * rows; a deadlock PostgreSQL breaks anyway is tried again (ADR 39, 50). The projections are
     * order-independent (ADR 9). The first reader to fail stops the others (its thread is
     * interrupted, which {@code read} checks between batches), and this throws its failure once
     * they have stopped, or a minute has passed. A reader that commits after the generation is
     * abandoned leaves no rows in it: each transaction's progress requires the generation to be
     * building.
     */
    static void readAll(
            List<List<Generations.Cutoff>> shares, Consumer<List<Generations.Cutoff>> read) {
        if (shares.size() == 1) {
            read.accept(shares.get(0));
            return;
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService readers =
                Executors.newFixedThreadPool(
                        shares.size(),
                        runnable -> {
                            Thread thread =
                                    new Thread(
                                            runnable,
                                            "analytics-rebuild-reader-" + next.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        CompletionService<Void> done = new ExecutorCompletionService<>(readers);
        try {
            for (List<Generations.Cutoff> share : shares) {
                done.submit(() -> read.accept(share), null);
            }
            for (int finished = 0; finished < shares.size(); finished++) {
                try {
                    done.take().get();
                } catch (ExecutionException failed) {
                    Throwable cause = failed.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException("a rebuild reader failed: " + cause, cause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the rebuild was interrupted", e);
        } finally {
            readers.shutdownNow();
            awaitStopped(readers);
        }
    }

    private static void awaitStopped(ExecutorService readers) {
        try {
            if (!readers.awaitTermination(READERS_STOP.toSeconds(), TimeUnit.SECONDS)) {
                log.warn("A rebuild reader is still running {} after it was stopped", READERS_STOP);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
