package uk.gov.hertfordshire.analytics.projection;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;

/**
 * Which generation the API serves and which are written, and the moves between them. The live path
 * reads the writable generations under a shared transaction-scoped advisory lock; starting a
 * rebuild (cut-offs taken) and switching take it exclusively, so no live event can fall between a
 * cut-off and the new generation becoming writable.
 */
@Component
public class Generations {

    /** "gens": the advisory lock live handlers share and a rebuild's start takes alone. */
    static final long LOCK_KEY = 0x67656e73L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Generations(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The generation the API reads. */
    public int served() {
        return jdbc.sql("SELECT generation FROM projection_generation WHERE state = 'serving'")
                .query(Integer.class)
                .single();
    }

    /**
     * The generations a live event goes to (serving and building), inside the caller's transaction;
     * holds the shared lock until that transaction ends.
     */
    List<Writable> writableForLiveEvent() {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock_shared(:key)")
                .param("key", LOCK_KEY)
                .query(Integer.class)
                .single();
        return jdbc.sql(
                        "SELECT generation, state = 'building' FROM projection_generation"
                                + " WHERE state IN ('serving', 'building') ORDER BY generation")
                .query((rs, n) -> new Writable(rs.getInt(1), rs.getBoolean(2)))
                .list();
    }

    /**
     * Records that events were applied to a generation, in one statement.
     *
     * @return the events not applied to it before, each id once, in the order given
     */
    List<ReceivedEvent> markApplied(int generation, List<ReceivedEvent> events) {
        String[] ids = new String[events.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = events.get(i).id().toString();
        }
        // In one order everywhere: the live path and a rebuild may insert the same ids at once.
        Arrays.sort(ids);
        Set<UUID> inserted =
                new HashSet<>(
                        jdbc.sql(
                                        "INSERT INTO applied_event (generation, event_id) SELECT"
                                                + " :generation, unnest(CAST(:ids AS uuid[])) ON"
                                                + " CONFLICT DO NOTHING RETURNING event_id")
                                .param("generation", generation)
                                .param("ids", new SqlArrayValue("text", (Object[]) ids))
                                .query(UUID.class)
                                .list());
        List<ReceivedEvent> fresh = new ArrayList<>(inserted.size());
        for (ReceivedEvent event : events) {
            if (inserted.remove(event.id())) { // a second copy of the same event is not new
                fresh.add(event);
            }
        }
        return fresh;
    }

    /**
     * Creates a building generation with the cut-offs {@code cutoffs} reads while the exclusive
     * lock is held. A building generation without a heartbeat for {@code staleAfter} is abandoned
     * first; a live one makes this fail.
     *
     * @throws RebuildInProgressException if a rebuild is running
     */
    int startBuilding(String requestedBy, Duration staleAfter, Supplier<List<Cutoff>> cutoffs) {
        return transactions.execute(
                status -> {
                    lockExclusively();
                    Instant now = clock.instant();
                    Optional<Integer> running =
                            jdbc.sql(
                                            "SELECT generation FROM projection_generation WHERE"
                                                    + " state = 'building' AND heartbeat_at >"
                                                    + " :staleBefore")
                                    .param("staleBefore", Timestamp.from(now.minus(staleAfter)))
                                    .query(Integer.class)
                                    .optional();
                    if (running.isPresent()) {
                        throw new RebuildInProgressException(running.get());
                    }
                    jdbc.sql(
                                    "UPDATE projection_generation SET state = 'abandoned',"
                                            + " failure = 'no progress for ' || :stale"
                                            + " WHERE state = 'building'")
                            .param("stale", staleAfter.toString())
                            .update();
                    int generation =
                            jdbc.sql(
                                            "SELECT coalesce(max(generation), 0) + 1 FROM"
                                                    + " projection_generation")
                                    .query(Integer.class)
                                    .single();
                    List<Cutoff> taken = cutoffs.get();
                    long toRead = taken.stream().mapToLong(c -> c.end() - c.begin()).sum();
                    jdbc.sql(
                                    "INSERT INTO projection_generation (generation, state,"
                                            + " requested_by, started_at, heartbeat_at,"
                                            + " events_to_read) VALUES (:generation, 'building',"
                                            + " :by, :now, :now, :toRead)")
                            .param("generation", generation)
                            .param("by", requestedBy)
                            .param("now", Timestamp.from(now))
                            .param("toRead", toRead)
                            .update();
                    for (Cutoff cutoff : taken) {
                        jdbc.sql(
                                        "INSERT INTO generation_cutoff (generation, topic,"
                                                + " kafka_partition, begin_offset, end_offset)"
                                                + " VALUES (:generation, :topic, :partition,"
                                                + " :begin, :end)")
                                .param("generation", generation)
                                .param("topic", cutoff.topic())
                                .param("partition", cutoff.partition())
                                .param("begin", cutoff.begin())
                                .param("end", cutoff.end())
                                .update();
                    }
                    return generation;
                });
    }

    List<Cutoff> cutoffs(int generation) {
        return jdbc.sql(
                        "SELECT topic, kafka_partition, begin_offset, end_offset FROM"
                                + " generation_cutoff WHERE generation = :generation"
                                + " ORDER BY topic, kafka_partition")
                .param("generation", generation)
                .query(
                        (rs, n) ->
                                new Cutoff(
                                        rs.getString(1),
                                        rs.getInt(2),
                                        rs.getLong(3),
                                        rs.getLong(4)))
                .list();
    }

    /** Progress of a building generation, in the batch's transaction. */
    void progress(int generation, long read, long skipped) {
        int updated =
                jdbc.sql(
                                "UPDATE projection_generation SET events_read = events_read + :read,"
                                        + " events_skipped = events_skipped + :skipped, heartbeat_at = :now"
                                        + " WHERE generation = :generation AND state = 'building'")
                        .param("read", read)
                        .param("skipped", skipped)
                        .param("now", Timestamp.from(clock.instant()))
                        .param("generation", generation)
                        .update();
        if (updated != 1) {
            // Abandoned (a reader failed, or another instance found it stale) or switched: the
            // transaction this is part of must not leave rows in it.
            throw new NoLongerBuildingException(generation);
        }
    }

    /**
     * Serves {@code generation} instead of the one served now, in one transaction.
     *
     * @return the generation no longer served
     */
    int switchTo(int generation) {
        return transactions.execute(
                status -> {
                    lockExclusively();
                    int old = served();
                    jdbc.sql(
                                    "UPDATE projection_generation SET state = 'retired'"
                                            + " WHERE generation = :old")
                            .param("old", old)
                            .update();
                    int switched =
                            jdbc.sql(
                                            "UPDATE projection_generation SET state = 'serving',"
                                                    + " switched_at = :now WHERE generation ="
                                                    + " :generation AND state = 'building'")
                                    .param("now", Timestamp.from(clock.instant()))
                                    .param("generation", generation)
                                    .update();
                    if (switched != 1) {
                        throw new IllegalStateException(
                                "generation " + generation + " is no longer building");
                    }
                    return old;
                });
    }

    void abandon(int generation, String failure) {
        jdbc.sql(
                        "UPDATE projection_generation SET state = 'abandoned', failure = :failure"
                                + " WHERE generation = :generation AND state = 'building'")
                .param("failure", failure)
                .param("generation", generation)
                .update();
    }

    /** Generations neither served nor building whose rows are still there. */
    List<Integer> finished(java.time.Duration grace) {
        // A generation retired by the latest switch may still be read by requests that began
        // before it: its rows stay until the grace after that switch has passed.
        return jdbc.sql(
                        "SELECT generation FROM projection_generation WHERE state = 'abandoned'"
                                + " OR (state = 'retired' AND (SELECT switched_at FROM"
                                + " projection_generation WHERE state = 'serving') < now() -"
                                + " make_interval(secs => :graceSeconds)) ORDER BY generation")
                .param("graceSeconds", grace.toMillis() / 1000.0)
                .query(Integer.class)
                .list();
    }

    Optional<RebuildStatus> status(int generation) {
        return jdbc.sql(
                        "SELECT generation, state, requested_by, started_at, heartbeat_at,"
                                + " switched_at, events_to_read, events_read, events_skipped,"
                                + " failure FROM projection_generation"
                                + " WHERE generation = :generation")
                .param("generation", generation)
                .query(
                        (rs, n) ->
                                new RebuildStatus(
                                        rs.getInt(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        instant(rs.getTimestamp(4)),
                                        instant(rs.getTimestamp(5)),
                                        instant(rs.getTimestamp(6)),
                                        rs.getLong(7),
                                        rs.getLong(8),
                                        rs.getLong(9),
                                        rs.getString(10)))
                .optional();
    }

    Optional<Integer> latest() {
        return jdbc.sql("SELECT max(generation) FROM projection_generation")
                .query(Integer.class)
                .optional();
    }

    private void lockExclusively() {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                .param("key", LOCK_KEY)
                .query(Integer.class)
                .single();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * A generation the live path writes; one being built is also written by the rebuild's reader.
     */
    record Writable(int generation, boolean building) {}

    /** Where a rebuild starts and stops reading one partition. */
    record Cutoff(String topic, int partition, long begin, long end) {}

    /** Thrown when a rebuild's transaction finds its generation no longer building. */
    static final class NoLongerBuildingException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NoLongerBuildingException(int generation) {
            super("generation " + generation + " is no longer building");
        }
    }

    /** Thrown when a rebuild is asked for while another makes progress. */
    static final class RebuildInProgressException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int generation;

        RebuildInProgressException(int generation) {
            super("Rebuild " + generation + " is still running.");
            this.generation = generation;
        }
    }
}
