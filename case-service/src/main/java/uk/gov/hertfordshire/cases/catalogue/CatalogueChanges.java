package uk.gov.hertfordshire.cases.catalogue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Says whether the catalogue this instance holds in memory may still be trusted: a count that moves
 * whenever PostgreSQL reports a change to the catalogue's tables (the {@code catalogue_changed}
 * notice their triggers send on commit, to every instance on the database), and {@link #UNKNOWN}
 * while this instance is not listening, when every read must go to the database.
 *
 * <p>One connection of the pool is held for listening. If it breaks, the count moves, reads go to
 * the database, and listening starts again after a second; a change made meanwhile is therefore
 * never missed (ADR 23).
 */
@Component
class CatalogueChanges implements SmartLifecycle {

    /** The generation while not listening: nothing held in memory may be used. */
    static final long UNKNOWN = -1;

    static final String CHANNEL = "catalogue_changed";

    private static final Logger log = LoggerFactory.getLogger(CatalogueChanges.class);
    private static final int POLL_MILLIS = 250;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean running;
    private ScheduledExecutorService listener;

    CatalogueChanges(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The current generation, or {@link #UNKNOWN} while changes cannot be heard. */
    long generation() {
        return listening ? generation.get() : UNKNOWN;
    }

    /**
     * Moves the count once the current transaction commits (at once if there is none), so the
     * instance that made a change reads it back at once rather than when its notice arrives.
     */
    void changedByThisInstance() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            generation.incrementAndGet();
                        }
                    });
        } else {
            generation.incrementAndGet();
        }
    }

    @Override
    public void start() {
        running = true;
        listener =
                Executors.newSingleThreadScheduledExecutor(
                        task -> {
                            Thread thread = new Thread(task, "catalogue-changes");
                            thread.setDaemon(true);
                            return thread;
                        });
        // Each run listens until the connection breaks or the service stops; the next starts a
        // second after a break.
        listener.scheduleWithFixedDelay(
                this::listenUntilStopped, 0, RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.shutdown();
            try {
                listener.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listenUntilStopped() {
        if (!running) {
            return;
        }
        try {
            listen();
        } catch (SQLException | RuntimeException e) {
            if (running) {
                log.warn(
                        "Not listening for catalogue changes ({}): reading the catalogue from the"
                                + " database until listening again",
                        e.getMessage());
            }
        } finally {
            listening = false;
            generation.incrementAndGet();
        }
    }

    private void listen() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            PGConnection notices = connection.unwrap(PGConnection.class);
            // Whatever changed before LISTEN took effect is not in memory after this.
            generation.incrementAndGet();
            listening = true;
            while (running) {
                PGNotification[] received = notices.getNotifications(POLL_MILLIS);
                if (received != null && received.length > 0) {
                    generation.incrementAndGet();
                }
            }
        }
    }
}
