package uk.gov.hertfordshire.sap.hr;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The high-water mark of each SAP HR entity read by delta (table {@code hr_delta}), and the
 * advisory lock that lets one instance read an entity at a time. Both are used inside the reading
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

    /** The last record published: its change time and id. */
    record Mark(Instant changedAt, String id) {

        /** Whether a record changed at {@code changed} with this id comes after the mark. */
        boolean before(Instant changed, String recordId) {
            int order = changed.compareTo(changedAt);
            return order > 0 || (order == 0 && recordId.compareTo(id) > 0);
        }
    }
}
