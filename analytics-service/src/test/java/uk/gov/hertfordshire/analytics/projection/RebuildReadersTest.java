package uk.gov.hertfordshire.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * How a rebuild's readers run (ADR 50): each share on a thread of its own, all read before the
 * rebuild goes on, and the first reader to fail stops the others and fails the rebuild. The shares
 * themselves are {@link RebuildSharesTest}'s.
 */
class RebuildReadersTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static List<Generations.Cutoff> share(int partition) {
        return List.of(new Generations.Cutoff("cases.events", partition, 0, 10));
    }

    @Test
    void everyShareIsReadOnceOnAThreadOfItsOwn() {
        List<List<Generations.Cutoff>> shares = List.of(share(0), share(1), share(2));
        Map<List<Generations.Cutoff>, String> readBy = new ConcurrentHashMap<>();
        CountDownLatch allRunning = new CountDownLatch(3);

        assertTimeoutPreemptively(
                LIMIT,
                () ->
                        RebuildReaders.readAll(
                                shares,
                                s -> {
                                    assertThat(readBy.put(s, Thread.currentThread().getName()))
                                            .isNull();
                                    // Each waits for the other two: they run side by side.
                                    allRunning.countDown();
                                    awaitUninterruptedly(allRunning);
                                }));

        assertThat(readBy).containsOnlyKeys(shares);
        assertThat(readBy.values())
                .doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith("analytics-rebuild-reader-"));
    }

    @Test
    void oneShareIsReadOnTheCallersThread() {
        Map<List<Generations.Cutoff>, String> readBy = new ConcurrentHashMap<>();

        RebuildReaders.readAll(
                List.of(share(0)), s -> readBy.put(s, Thread.currentThread().getName()));

        assertThat(readBy).containsExactly(Map.entry(share(0), Thread.currentThread().getName()));
    }

    @Test
    void theFirstReaderToFailStopsTheOthersAndItsFailureIsThrown() {
        List<List<Generations.Cutoff>> shares = List.of(share(0), share(1), share(2));
        CountDownLatch othersRunning = new CountDownLatch(2);
        CountDownLatch othersStopped = new CountDownLatch(2);

        assertTimeoutPreemptively(
                LIMIT,
                () ->
                        assertThatThrownBy(
                                        () ->
                                                RebuildReaders.readAll(
                                                        shares,
                                                        s -> {
                                                            if (s.equals(share(1))) {
                                                                awaitUninterruptedly(othersRunning);
                                                                throw new IllegalStateException(
                                                                        "partition 1 failed");
                                                            }
                                                            othersRunning.countDown();
                                                            try {
                                                                // Reads until it is stopped.
                                                                new CountDownLatch(1).await();
                                                            } catch (InterruptedException e) {
                                                                othersStopped.countDown();
                                                            }
                                                        }))
                                .isInstanceOf(IllegalStateException.class)
                                .hasMessage("partition 1 failed"));

        // readAll returned only after the two readers still reading had been stopped.
        assertThat(othersStopped.getCount()).isZero();
    }

    private static void awaitUninterruptedly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
