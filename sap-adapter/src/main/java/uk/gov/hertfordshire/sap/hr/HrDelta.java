package uk.gov.hertfordshire.sap.hr;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The high-water mark of each SAP HR entity read by delta (table {@code hr_delta}), the records
 * published inside the next read's overlap (table {@code hr_delta_published}), and the advisory
 * lock that lets one instance read an entity at a time. Both are used inside the reading
 * transaction, so the mark moves only with the events it covers.
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
     * The records of the entity published (or passed over as unusable) with a change time inside
     * the overlap of the next read: id and change time.
     */
    Map<String, Instant> published(String entity) {
        Map<String, Instant> published = new HashMap<>();
        jdbc.sql("SELECT record_id, changed_at FROM hr_delta_published WHERE entity = :entity")
                .param("entity", entity)
                .query((rs, row) -> published.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
                .list();
        return published;
    }

    /**
     * Remembers the records just handled whose change time is at or after {@code keepFrom} (the
     * next read's start) and forgets the entity's older ones, which no read asks for again.
     */
    void remember(String entity, Map<String, Instant> handled, Instant keepFrom) {
        handled.forEach(
                (id, changedAt) -> {
                    if (!changedAt.isBefore(keepFrom)) {
                        jdbc.sql(
                                        "INSERT INTO hr_delta_published (entity, record_id,"
                                                + " changed_at) VALUES (:entity, :id, :changed) ON"
                                                + " CONFLICT (entity, record_id) DO UPDATE SET"
                                                + " changed_at = EXCLUDED.changed_at")
                                .param("entity", entity)
                                .param("id", id)
                                .param("changed", Timestamp.from(changedAt))
                                .update();
                    }
                });
        jdbc.sql(
                        "DELETE FROM hr_delta_published WHERE entity = :entity AND changed_at <"
                                + " :keepFrom")
                .param("entity", entity)
                .param("keepFrom", Timestamp.from(keepFrom))
                .update();
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
