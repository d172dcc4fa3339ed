package uk.gov.hertfordshire.sap.hr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * The high-water mark of each SAP HR entity read by delta (table {@code hr_delta}), what was last
 * published of each record (table {@code hr_delta_published}: its change time, which a delta read
 * passes over in its overlap, and its content's hash, which the full sweep compares with), the full
 * sweeps done (table {@code hr_sweep}), and the advisory lock that lets one instance read an entity
 * at a time. All are used inside the reading transaction, so the mark and the memory move only with
 * the events they cover.
 */
@Repository
class HrDelta {

    private final JdbcClient jdbc;

    HrDelta(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the job's transaction-scoped advisory lock; false if another instance holds it. */
    boolean tryLock(long key) {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                .param("key", key)
                .query(Boolean.class)
                .single();
    }

    /**
     * Takes the transaction-scoped advisory lock, waiting for another instance's transaction that
     * holds it to end.
     */
    void lock(long key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", key).query().singleRow();
    }

    /** Where the last read of the entity stopped; empty before the first. */
    Optional<Mark> mark(String entity) {
        return jdbc.sql("SELECT changed_since, last_id FROM hr_delta WHERE entity = :entity")
                .param("entity", entity)
                .query((rs, row) -> new Mark(rs.getTimestamp(1).toInstant(), rs.getString(2)))
                .optional();
    }

    void save(String entity, Mark mark) {
        jdbc.sql(
                        "INSERT INTO hr_delta (entity, changed_since, last_id) VALUES (:entity,"
                                + " :since, :id) ON CONFLICT (entity) DO UPDATE SET changed_since ="
                                + " EXCLUDED.changed_since, last_id = EXCLUDED.last_id")
                .param("entity", entity)
                .param("since", Timestamp.from(mark.changedAt()))
                .param("id", mark.id())
                .update();
    }

    /**
     * The records of the entity published (or passed over as unusable) with a change time at or
     * after {@code since}, the start of a delta read's overlap: id and change time.
     */
    Map<String, Instant> publishedSince(String entity, Instant since) {
        Map<String, Instant> published = new HashMap<>();
        jdbc.sql(
                        "SELECT record_id, changed_at FROM hr_delta_published WHERE entity = :entity"
                                + " AND changed_at >= :since")
                .param("entity", entity)
                .param("since", Timestamp.from(since))
                .query((rs, row) -> published.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .list();
        return published;
    }

    /**
     * What was last published (or passed over as unusable) of each of these records that has been.
     */
    Map<String, Published> published(String entity, Collection<String> ids) {
        Map<String, Published> published = new HashMap<>();
        if (ids.isEmpty()) {
            return published;
        }
        jdbc.sql(
                        "SELECT record_id, changed_at, content_sha256 FROM hr_delta_published WHERE"
                                + " entity = :entity AND record_id = ANY (CAST(:ids AS text[]))")
                .param("entity", entity)
                .param("ids", new SqlArrayValue("text", ids.toArray()))
                .query(
                        (rs, row) ->
                                published.put(
                                        rs.getString(1),
                                        new Published(
                                                rs.getTimestamp(2).toInstant(), rs.getBytes(3))))
                .list();
        return published;
    }

    /**
     * Remembers what was just published (or passed over as unusable) of each record, in place of
     * what was before: one statement for them all. Kept for good: a delta read asks for the rows
     * inside its overlap, the full sweep for every record it reads.
     */
    void remember(String entity, Map<String, Published> handled) {
        if (handled.isEmpty()) {
            return;
        }
        List<Map.Entry<String, Published>> rows = new ArrayList<>(handled.entrySet());
        rows.sort(Map.Entry.comparingByKey()); // one order of row locks for every writer
        jdbc.sql(
                        "INSERT INTO hr_delta_published (entity, record_id, changed_at,"
                                + " content_sha256) SELECT :entity, id, CAST(changed AS"
                                + " timestamptz), decode(sha256, 'hex') FROM unnest(CAST(:ids AS"
                                + " text[]), CAST(:changed AS text[]), CAST(:sha256 AS text[])) AS"
                                + " r(id, changed, sha256) ON CONFLICT (entity, record_id) DO UPDATE"
                                + " SET changed_at = EXCLUDED.changed_at, content_sha256 ="
                                + " EXCLUDED.content_sha256")
                .param("entity", entity)
                .param("ids", texts(rows, Map.Entry::getKey))
                .param("changed", texts(rows, row -> row.getValue().changedAt().toString()))
                .param(
                        "sha256",
                        texts(rows, row -> HexFormat.of().formatHex(row.getValue().sha256())))
                .update();
    }

    private static <R> SqlArrayValue texts(List<R> rows, Function<R, String> value) {
        return new SqlArrayValue("text", rows.stream().map(value).toArray());
    }

    /** When the last full sweep of the entity that finished began; empty before the first. */
    Optional<Instant> lastSweep(String entity) {
        return jdbc.sql("SELECT max(started_at) FROM hr_sweep WHERE entity = :entity")
                .param("entity", entity)
                .query(
                        (rs, row) -> {
                            Timestamp started = rs.getTimestamp(1);
                            return Optional.ofNullable(started).map(Timestamp::toInstant);
                        })
                .single();
    }

    /** When the last full sweep of the entity finished, by any instance; empty before the first. */
    Optional<Instant> lastSweepFinished(String entity) {
        return jdbc.sql("SELECT max(finished_at) FROM hr_sweep WHERE entity = :entity")
                .param("entity", entity)
                .query(
                        (rs, row) -> {
                            Timestamp finished = rs.getTimestamp(1);
                            return Optional.ofNullable(finished).map(Timestamp::toInstant);
                        })
                .single();
    }

    /** Records a full sweep of the entity, with the events it published (same transaction). */
    void swept(String entity, Instant startedAt, Instant finishedAt, FullSweep.Result result) {
        jdbc.sql(
                        "INSERT INTO hr_sweep (entity, started_at, finished_at, records_read,"
                                + " published, skipped) VALUES (:entity, :started, :finished,"
                                + " :read, :published, :skipped)")
                .param("entity", entity)
                .param("started", Timestamp.from(startedAt))
                .param("finished", Timestamp.from(finishedAt))
                .param("read", result.read())
                .param("published", result.published())
                .param("skipped", result.skipped())
                .update();
    }

    /**
     * What was published of a record: its change time and the SHA-256 of its content (null in a row
     * the version before the full sweep wrote).
     */
    record Published(Instant changedAt, byte[] sha256) {

        /** A record changed at {@code changedAt} whose content (in its fixed text form) is this. */
        static Published of(Instant changedAt, String content) {
            try {
                return new Published(
                        changedAt,
                        MessageDigest.getInstance("SHA-256")
                                .digest(content.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException missing) {
                throw new IllegalStateException("Every JDK has SHA-256", missing);
            }
        }

        /** The same content, published as changed at {@code effectiveAt}. */
        Published at(Instant effectiveAt) {
            return new Published(effectiveAt, sha256);
        }

        /**
         * Whether a record now holding {@code now} is what was published: the same content, or,
         * where no hash was kept, the same change time.
         */
        boolean sameAs(Published now) {
            return sha256 == null
                    ? changedAt.equals(now.changedAt())
                    : MessageDigest.isEqual(sha256, now.sha256());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Published that
                    && changedAt.equals(that.changedAt)
                    && Arrays.equals(sha256, that.sha256);
        }

        @Override
        public int hashCode() {
            return 31 * changedAt.hashCode() + Arrays.hashCode(sha256);
        }

        @Override
        public String toString() {
            return "Published["
                    + changedAt
                    + ", "
                    + (sha256 == null ? "no hash" : HexFormat.of().formatHex(sha256))
                    + "]";
        }
    }

    /** The last record published: its change time and id. */
    record Mark(Instant changedAt, String id) {

        /** Whether a record changed at {@code changed} with this id comes after the mark. */
        boolean before(Instant changed, String recordId) {
            int order = changed.compareTo(changedAt);
            return order > 0 || (order == 0 && recordId.compareTo(id) > 0);
        }
    }
}
