package uk.gov.hertfordshire.cases.directory;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;

/** The officer directory in PostgreSQL: the latest SAP HR state of each staff member. */
@Repository
public class StaffDirectory {

    /** The role that may be assigned cases. */
    public static final String OFFICER_ROLE = "OFFICER";

    private final JdbcClient jdbc;
    private final List<ChangeListener> listeners;
    private final EventSerializer serializer = new EventSerializer();

    StaffDirectory(JdbcClient jdbc, List<ChangeListener> listeners) {
        this.jdbc = jdbc;
        this.listeners = listeners;
    }

    /**
     * Told of every staff change the directory takes in (not of one it ignores as older), inside
     * the same transaction, so what it does commits or rolls back with the change.
     */
    public interface ChangeListener {
        void changed(StaffMember now);
    }

    /**
     * Applies a staff change from SAP HR; runs in the inbox transaction. A change older than the
     * one already held is ignored, so a late redelivery cannot undo a newer state; a change taken
     * in is passed to the {@link ChangeListener}s.
     */
    void apply(ReceivedEvent event) {
        if (!StaffMemberChanged.TYPE.type().equals(event.type())) {
            return;
        }
        StaffMemberChanged changed = serializer.fromJson(event.data(), StaffMemberChanged.class);
        int taken =
                jdbc.sql(
                                "INSERT INTO staff_member (staff_id, team_code, roles, active, changed_at)"
                                        + " VALUES (:staffId, :teamCode, :roles, :active, :changedAt)"
                                        + " ON CONFLICT (staff_id) DO UPDATE SET team_code ="
                                        + " EXCLUDED.team_code, roles = EXCLUDED.roles, active ="
                                        + " EXCLUDED.active, changed_at = EXCLUDED.changed_at WHERE"
                                        + " staff_member.changed_at <= EXCLUDED.changed_at")
                        .param("staffId", changed.staffId())
                        .param("teamCode", changed.teamCode())
                        .param("roles", changed.roleCodes().toArray(String[]::new))
                        .param("active", changed.active())
                        .param("changedAt", Timestamp.from(changed.effectiveAt()))
                        .update();
        if (taken == 1) {
            StaffMember now = find(changed.staffId()).orElseThrow();
            listeners.forEach(listener -> listener.changed(now));
        }
    }

    /** A staff member as the directory last heard of them. */
    public Optional<StaffMember> find(String staffId) {
        return jdbc.sql(
                        "SELECT staff_id, team_code, roles, active, changed_at FROM staff_member"
                                + " WHERE staff_id = :staffId")
                .param("staffId", staffId)
                .query(StaffDirectory::map)
                .optional();
    }

    /** The active officers of a team (every active officer if team is null), by staff id. */
    public List<StaffMember> activeOfficers(String teamCode) {
        return jdbc.sql(
                        "SELECT staff_id, team_code, roles, active, changed_at FROM staff_member"
                                + " WHERE active AND :role = ANY (roles) AND (CAST(:team AS text)"
                                + " IS NULL OR team_code = :team) ORDER BY staff_id")
                .param("role", OFFICER_ROLE)
                .param("team", teamCode)
                .query(StaffDirectory::map)
                .list();
    }

    private static StaffMember map(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        return new StaffMember(
                rs.getString("staff_id"),
                rs.getString("team_code"),
                Arrays.asList((String[]) roles.getArray()),
                rs.getBoolean("active"),
                rs.getTimestamp("changed_at").toInstant());
    }

    /**
     * One staff member.
     *
     * @param staffId SAP personnel number
     * @param teamCode their team
     * @param roles their platform roles
     * @param active whether they may work cases
     * @param changedAt when SAP HR last changed them
     */
    public record StaffMember(
            String staffId,
            String teamCode,
            List<String> roles,
            boolean active,
            Instant changedAt) {

        /** Whether cases may be assigned to them in this team. */
        public boolean canWorkCasesFor(String team) {
            return active && roles.contains(OFFICER_ROLE) && teamCode.equals(team);
        }
    }
}
