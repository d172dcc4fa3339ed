package uk.gov.hertfordshire.cases.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The lifecycle's reads and writes of cases and their updates, in plain SQL. */
@Repository
class LifecycleRepository {

    private static final String COLUMNS =
            "id, service_code, status, submitted_by, submitted_at, due_at, team_code,"
                    + " assignee_staff_id, duplicate_of";

    private final JdbcClient jdbc;

    LifecycleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The case, locked until the transaction ends so concurrent actions apply one at a time. */
    Optional<CaseRecord> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_case WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(LifecycleRepository::map)
                .optional();
    }

    Optional<CaseRecord> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_case WHERE id = :id")
                .param("id", id)
                .query(LifecycleRepository::map)
                .optional();
    }

    /** Moves the case to its new status and records the facts that go with it. */
    void applyTransition(CaseRecord before, CaseAction action, Transition change, Instant at) {
        jdbc.sql(
                        "UPDATE service_case SET status = :status, updated_at = :at, version ="
                                + " version + 1, team_code = :team, assignee_staff_id = :assignee,"
                                + " duplicate_of = :duplicateOf, due_at = :dueAt,"
                                + " resolved_at = CASE WHEN :action = 'RESOLVE' THEN :at WHEN"
                                + " :action = 'REOPEN' THEN NULL ELSE resolved_at END,"
                                + " closed_at = CASE WHEN :action = 'CLOSE' THEN :at WHEN"
                                + " :action = 'REOPEN' THEN NULL ELSE closed_at END,"
                                + " target_approaching_at = CASE WHEN :action = 'REOPEN' THEN NULL"
                                + " ELSE target_approaching_at END,"
                                + " target_breached_at = CASE WHEN :action = 'REOPEN' THEN NULL"
                                + " ELSE target_breached_at END WHERE id = :id")
                .param("status", action.to().wireValue())
                .param("at", Timestamp.from(at))
                .param("team", change.teamCode())
                .param("assignee", change.assigneeStaffId())
                .param("duplicateOf", change.duplicateOf())
                .param("dueAt", change.dueAt() == null ? null : Timestamp.from(change.dueAt()))
                .param("action", action.name())
                .param("id", before.id())
                .update();
    }

    void insertUpdate(CaseUpdate update) {
        jdbc.sql(
                        "INSERT INTO case_update (id, case_id, status, description, public, author,"
                                + " created_at) VALUES (:id, :caseId, :status, :description,"
                                + " :public, :author, :createdAt)")
                .param("id", update.id())
                .param("caseId", update.caseId())
                .param("status", update.status().wireValue())
                .param("description", update.description())
                .param("public", update.isPublic())
                .param("author", update.author())
                .param("createdAt", Timestamp.from(update.createdAt()))
                .update();
    }

    /** The case's updates, oldest first; internal notes only if asked for. */
    List<CaseUpdate> updates(UUID caseId, boolean includeInternal) {
        return jdbc.sql(
                        "SELECT id, case_id, status, description, public, author, created_at FROM"
                                + " case_update WHERE case_id = :caseId AND (public OR"
                                + " :includeInternal) ORDER BY created_at, id")
                .param("caseId", caseId)
                .param("includeInternal", includeInternal)
                .query(
                        (rs, row) ->
                                new CaseUpdate(
                                        rs.getObject("id", UUID.class),
                                        rs.getObject("case_id", UUID.class),
                                        CaseStatus.fromWire(rs.getString("status")),
                                        rs.getString("description"),
                                        rs.getBoolean("public"),
                                        rs.getString("author"),
                                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /**
     * Makes the reporter and supporters of a duplicate supporters of the case it duplicates, so
     * they can follow the case that will be worked.
     */
    void moveSupporters(UUID duplicate, UUID original, Instant at) {
        jdbc.sql(
                        "INSERT INTO case_supporter (case_id, supporter, channel, added_at) SELECT"
                                + " CAST(:original AS uuid), submitted_by, channel, CAST(:at AS"
                                + " timestamptz) FROM service_case WHERE id = :duplicate AND"
                                + " submitted_by IS NOT NULL UNION ALL SELECT CAST(:original AS"
                                + " uuid), supporter, channel, CAST(:at AS timestamptz) FROM"
                                + " case_supporter WHERE case_id = :duplicate ON CONFLICT DO"
                                + " NOTHING")
                .param("original", original)
                .param("duplicate", duplicate)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Whether some service in the catalogue names this team as responsible. */
    boolean isResponsibleTeam(String team) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM catalogue_service WHERE responsible_team ="
                                + " :team)")
                .param("team", team)
                .query(Boolean.class)
                .single();
    }

    private static CaseRecord map(ResultSet rs, int row) throws SQLException {
        Timestamp due = rs.getTimestamp("due_at");
        return new CaseRecord(
                rs.getObject("id", UUID.class),
                rs.getString("service_code"),
                CaseStatus.fromWire(rs.getString("status")),
                rs.getString("submitted_by"),
                rs.getTimestamp("submitted_at").toInstant(),
                due == null ? null : due.toInstant(),
                rs.getString("team_code"),
                rs.getString("assignee_staff_id"),
                rs.getObject("duplicate_of", UUID.class));
    }

    /** What a transition sets besides the status: the case's assignment, duplicate and due time. */
    record Transition(String teamCode, String assigneeStaffId, UUID duplicateOf, Instant dueAt) {}
}
