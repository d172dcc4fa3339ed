package uk.gov.hertfordshire.care.protection;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only access audit: every read and write of a referral, by whom, when and why. Rows are
 * written in the caller's transaction, so a write that rolls back leaves no claim that it happened,
 * and a read is audited before its answer leaves the service. The service's database role cannot
 * change or remove a row (ADR 12).
 */
@Repository
public class AccessAudit {

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records one access.
     *
     * @param actor who ({@code Caller.id()}, or {@code system|<job>} for the service's own jobs)
     * @param action what, e.g. {@code referral.read}
     * @param referralId which referral, or null for an action on no single record
     * @param purpose why, e.g. {@code referrer-status}, {@code triage}, {@code subject-access}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String actor, String action, UUID referralId, String purpose) {
        jdbc.sql(
                        "INSERT INTO access_audit (at, actor, action, referral_id, purpose) VALUES"
                                + " (:at, :actor, :action, :referralId, :purpose)")
                .param("at", Timestamp.from(Instant.now(clock)))
                .param("actor", actor)
                .param("action", action)
                .param("referralId", referralId)
                .param("purpose", purpose)
                .update();
    }

    /** The audit trail of one referral, oldest first. */
    public List<Entry> trail(UUID referralId) {
        return jdbc.sql(
                        "SELECT id, at, actor, action, referral_id, purpose FROM access_audit"
                                + " WHERE referral_id = :id ORDER BY id")
                .param("id", referralId)
                .query(
                        (rs, row) ->
                                new Entry(
                                        rs.getLong("id"),
                                        rs.getTimestamp("at").toInstant(),
                                        rs.getString("actor"),
                                        rs.getString("action"),
                                        rs.getObject("referral_id", UUID.class),
                                        rs.getString("purpose")))
                .list();
    }

    /** One audited access. */
    public record Entry(
            long id, Instant at, String actor, String action, UUID referralId, String purpose) {}
}
