package uk.gov.hertfordshire.cases.lifecycle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;

/**
 * The lifecycle's own tables, in plain SQL: a case's updates and internal notes ({@code
 * case_update}). The case row itself is {@code servicecase.CaseRepository}'s.
 */
@Repository
class LifecycleRepository {

    private final JdbcClient jdbc;

    LifecycleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** Whether some service in the catalogue names this team as responsible. */
    boolean isResponsibleTeam(String team) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM catalogue_service WHERE responsible_team ="
                                + " :team)")
                .param("team", team)
                .query(Boolean.class)
                .single();
    }

    /** What a transition sets besides the status: the case's assignment, duplicate and due time. */
    record Transition(String teamCode, String assigneeStaffId, UUID duplicateOf, Instant dueAt) {}
}
