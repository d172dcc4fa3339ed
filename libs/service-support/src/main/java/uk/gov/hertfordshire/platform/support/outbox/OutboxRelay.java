package uk.gov.hertfordshire.platform.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.support.SupportProperties;

/**
 * Publishes committed outbox rows to Kafka in write order, in batches, and marks a row sent only
 * after the broker acknowledged it ({@code acks=all}, idempotent producer).
 *
 * <p>With several replicas of a service, exactly one relays at a time: the one holding a PostgreSQL
 * advisory lock on a connection of its own. If it dies, its connection closes, the lock is released
 * and another replica takes over on its next tick. Rows are also locked ({@code FOR UPDATE}) while
 * they are being sent, so a replica taking over cannot pick up a row the old one is still sending.
 */
final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Advisory locks are per database, and each service has its own database. */
    static final long LEADER_LOCK_KEY = 0x6f7574626f78L; // "outbox"

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final SupportProperties.Outbox settings;
    private final Counter sent;
    private final Counter failures;
    private final RelaySpans spans;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Object signal = new Object();

    private volatile boolean running;
    private boolean wakeUpPending;
    private Thread worker;
    private Connection leaderConnection;
    private Instant nextCleanup = Instant.now();

    OutboxRelay(
            DataSource dataSource,
            TransactionTemplate transactions,
            KafkaTemplate<String, byte[]> kafka,
            SupportProperties.Outbox settings,
            MeterRegistry meters,
            RelaySpans spans) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = settings;
        this.spans = spans;
        this.sent =
                Counter.builder("outbox.relay.sent")
                        .description("Outbox events the broker acknowledged")
                        .baseUnit("events")
                        .register(meters);
        this.failures =
                Counter.builder("outbox.relay.failed")
                        .description("Outbox event sends that failed and will be retried")
                        .baseUnit("events")
                        .register(meters);
    }

    /** Called after a transaction that appended events commits, so they go out without waiting. */
    void wakeUp() {
        synchronized (signal) {
            wakeUpPending = true;
            signal.notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(settings.sendTimeout().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseLeadership();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (so requests in flight still get their events out). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    boolean isLeader() {
        return leaderConnection != null;
    }

    private void run() {
        while (running) {
            boolean more = false;
            try {
                if (holdLeadership()) {
                    more = relayBatch();
                    cleanUpIfDue();
                }
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed; retrying: {}", describe(e));
            }
            if (!more && awaitWakeUp()) {
                gatherCommits();
            }
        }
        // Stopping, after the web server: what the last requests committed goes out now, not at
        // the next start or another replica's next round, also when the stop came while the relay
        // was gathering (ADR 51).
        if (isLeader()) {
            try {
                relayBatch();
            } catch (RuntimeException e) {
                log.warn(
                        "Outbox relay's last round failed; the next leader sends: {}", describe(e));
            }
        }
    }

    /** Waits for a commit or the poll interval; true if a commit woke it. */
    private boolean awaitWakeUp() {
        synchronized (signal) {
            if (!wakeUpPending && running) {
                try {
                    signal.wait(settings.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            boolean woken = wakeUpPending;
            wakeUpPending = false;
            return woken;
        }
    }

    /**
     * Lets the commits that follow the one that woke the relay land before it reads, so that one
     * round carries them all: a round costs the same statements and one send however many events it
     * carries (ADR 51).
     */
    private void gatherCommits() {
        long millis = settings.gather().toMillis();
        if (millis <= 0 || !running) {
            return;
        }
        try {
            Thread.sleep(millis); // sleep-ok: the gathering is the point, ADR 51
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Sends one batch; returns true when a full batch went out cleanly and more may be waiting. */
    boolean relayBatch() {
        Boolean more =
                transactions.execute(
                        status -> {
                            List<Row> rows =
                                    jdbc.query(
                                            "SELECT id, topic, message_key, headers, payload"
                                                    + " FROM platform.outbox WHERE sent_at IS NULL"
                                                    + " ORDER BY id LIMIT ? FOR UPDATE",
                                            (rs, n) ->
                                                    new Row(
                                                            rs.getLong(1),
                                                            rs.getString(2),
                                                            rs.getString(3),
                                                            rs.getString(4),
                                                            rs.getBytes(5)),
                                            settings.batchSize());
                            if (rows.isEmpty()) {
                                return false;
                            }
                            return send(rows);
                        });
        return Boolean.TRUE.equals(more);
    }

    private boolean send(List<Row> rows) {
        List<CompletableFuture<?>> pending = new ArrayList<>(rows.size());
        RuntimeException sendError = null;
        for (Row row : rows) {
            Map<String, String> headers = json.readValue(row.headers(), HEADERS);
            ProducerRecord<String, byte[]> record = toRecord(row, headers);
            Span span = spans.startSend(record, headers);
            try {
                pending.add(
                        kafka.send(record)
                                .whenComplete((result, error) -> RelaySpans.end(span, error)));
            } catch (RuntimeException e) {
                RelaySpans.end(span, e);
                // Metadata for the topic could not be had (broker down): the rest would wait too.
                sendError = e;
                break;
            }
        }
        kafka.flush();
        List<Long> acknowledged = new ArrayList<>(pending.size());
        String firstError = sendError == null ? null : describe(sendError);
        for (int i = 0; i < pending.size(); i++) {
            try {
                pending.get(i).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(rows.get(i).id());
            } catch (ExecutionException | TimeoutException e) {
                if (firstError == null) {
                    firstError = describe(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!acknowledged.isEmpty()) {
            jdbc.update(
                    "UPDATE platform.outbox SET sent_at = now(), attempts = attempts + 1"
                            + " WHERE id = ANY (?)",
                    ps ->
                            ps.setArray(
                                    1,
                                    ps.getConnection()
                                            .createArrayOf("bigint", acknowledged.toArray())));
            sent.increment(acknowledged.size());
        }
        int unsent = rows.size() - acknowledged.size();
        if (unsent > 0) {
            failures.increment(unsent);
            List<Long> failed =
                    rows.stream().map(Row::id).filter(id -> !acknowledged.contains(id)).toList();
            String error = firstError;
            jdbc.update(
                    "UPDATE platform.outbox SET attempts = attempts + 1, last_error = ?"
                            + " WHERE id = ANY (?)",
                    ps -> {
                        ps.setString(1, error);
                        ps.setArray(
                                2, ps.getConnection().createArrayOf("bigint", failed.toArray()));
                    });
            log.warn(
                    "Outbox relay: {} of {} events not acknowledged, will retry: {}",
                    unsent,
                    rows.size(),
                    error);
            return false;
        }
        return rows.size() == settings.batchSize();
    }

    private static ProducerRecord<String, byte[]> toRecord(Row row, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(row.topic(), row.key(), row.payload());
        headers.forEach(
                (name, value) ->
                        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private void cleanUpIfDue() {
        if (Instant.now().isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = Instant.now().plus(settings.cleanupInterval());
        cleanUp();
    }

    /** Deletes rows sent longer ago than the retention period; unsent rows are never touched. */
    int cleanUp() {
        int deleted =
                jdbc.update(
                        "DELETE FROM platform.outbox WHERE sent_at < now() - make_interval(secs => ?)",
                        settings.retention().toSeconds());
        if (deleted > 0) {
            log.info(
                    "Outbox clean-up removed {} events sent more than {} ago",
                    deleted,
                    settings.retention());
        }
        return deleted;
    }

    private boolean holdLeadership() {
        try {
            if (leaderConnection != null) {
                if (leaderConnection.isValid(2)) {
                    return true;
                }
                log.warn("Outbox relay lost its leader connection; competing again");
                releaseLeadership();
            }
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, LEADER_LOCK_KEY);
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next() && result.getBoolean(1)) {
                        leaderConnection = connection;
                        log.info("Outbox relay is the leader for this database");
                        return true;
                    }
                }
            }
            connection.close();
            return false;
        } catch (SQLException e) {
            log.warn("Outbox relay could not compete for leadership: {}", e.getMessage());
            releaseLeadership();
            return false;
        }
    }

    private void releaseLeadership() {
        Connection connection = leaderConnection;
        leaderConnection = null;
        if (connection != null) {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, LEADER_LOCK_KEY);
                statement.execute();
            } catch (SQLException e) {
                log.debug("Advisory unlock failed (connection already gone): {}", e.getMessage());
            } finally {
                try {
                    connection.close();
                } catch (SQLException e) {
                    log.debug("Closing the leader connection failed: {}", e.getMessage());
                }
            }
        }
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private record Row(long id, String topic, String key, String headers, byte[] payload) {}
}
