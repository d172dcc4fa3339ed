package uk.gov.hertfordshire.platform.local.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A steady load through the gateway: a few clients submitting cases and a few reading a page, each
 * at a fixed pace (a closed loop: a client whose request hangs sends nothing until it returns, as a
 * person at a browser would). Every request is recorded.
 */
public final class Load implements AutoCloseable {

    /**
     * @param caseClients clients submitting cases
     * @param readClients clients reading the page ({@code 0} where content-service is not running)
     * @param interval each client's pace: one request per interval at most
     * @param page the path read by the readers
     */
    public record Settings(int caseClients, int readClients, Duration interval, String page) {}

    private final Gateway gateway;
    private final String token;
    private final Settings settings;
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final ExecutorService clients;

    private Load(Gateway gateway, String token, Settings settings) {
        this.gateway = gateway;
        this.token = token;
        this.settings = settings;
        this.clients =
                Executors.newFixedThreadPool(
                        settings.caseClients() + settings.readClients(),
                        runnable -> {
                            Thread thread = new Thread(runnable, "chaos-load");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** Starts the clients; {@link #close()} stops them. */
    public static Load start(Gateway gateway, String token, Settings settings) {
        Load load = new Load(gateway, token, settings);
        for (int i = 0; i < settings.caseClients(); i++) {
            load.clients.submit(() -> load.client(() -> gateway.submitCase(token)));
        }
        for (int i = 0; i < settings.readClients(); i++) {
            load.clients.submit(() -> load.client(() -> gateway.readPage(token, settings.page())));
        }
        return load;
    }

    private void client(java.util.function.Supplier<Answer> request) {
        long intervalNanos = settings.interval().toNanos();
        try {
            while (stop.getCount() > 0) {
                long started = System.nanoTime();
                answers.add(request.get());
                long rest = intervalNanos - (System.nanoTime() - started);
                // The pace, and the signal to stop: returns at once when the load is closed.
                if (rest > 0 && stop.await(rest, TimeUnit.NANOSECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every answer so far (a copy). */
    public List<Answer> answers() {
        return new ArrayList<>(answers);
    }

    /** How many answers so far satisfy the condition (e.g. acknowledged cases). */
    public long count(Predicate<Answer> condition) {
        return answers.stream().filter(condition).count();
    }

    /** Acknowledged cases answered after the given instant. */
    public long acknowledgedSince(long nanos) {
        return count(a -> a.acknowledgedCase() && a.answeredNanos() > nanos);
    }

    /** Stops the clients, letting requests in flight finish (each has the gateway's timeout). */
    @Override
    public void close() {
        stop.countDown();
        clients.shutdown();
        try {
            if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        } catch (InterruptedException e) {
            clients.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
