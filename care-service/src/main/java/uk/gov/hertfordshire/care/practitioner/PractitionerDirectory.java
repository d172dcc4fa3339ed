package uk.gov.hertfordshire.care.practitioner;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;

/**
 * The practitioner directory in PostgreSQL: the latest SAP HR state of each member of care staff.
 * Staff holding neither care role are not taken in, but someone already held is updated whatever
 * their roles now, so losing the practitioner role is recorded like leaving.
 */
@Repository
public class PractitionerDirectory {

    /** The role that may be assigned referrals. */
    public static final String PRACTITIONER = "PRACTITIONER";

    /** The roles the directory keeps. */
    static final Set<String> CARE_ROLES = Set.of(PRACTITIONER, "CARE_MANAGER");

    private static final String COLUMNS = "staff_id, team_code, roles, active, changed_at";

    private final JdbcClient jdbc;
    private final List<ChangeListener> listeners;
    private final EventSerializer serializer = new EventSerializer();

    PractitionerDirectory(JdbcClient jdbc, List<ChangeListener> listeners) {
        this.jdbc = jdbc;
        this.listeners = listeners;
    }

    /**
     * Told of every change the directory takes in (not of one it ignores as older or as not about
     * care staff), inside the same transaction, so what it does commits or rolls back with it.
     */
    public interface ChangeListener {
        void changed(Practitioner now);
    }

    /**
     * Applies a staff change from SAP HR; runs in the inbox transaction. A change older than the
     * one held is ignored, so a late redelivery cannot undo a newer state.
     */
    void apply(ReceivedEvent event) {
        if (!StaffMemberChanged.TYPE.type().equals(event.type())) {
            return;
        }
        StaffMemberChanged changed = serializer.fromJson(event.data(), StaffMemberChanged.class);
        boolean careStaff = changed.roleCodes().stream().anyMatch(CARE_ROLES::contains);
        String sql =
                careStaff
                        ? "INSERT INTO practitioner ("
                                + COLUMNS
                                + ") VALUES (:staffId, :teamCode,"
                                + " :roles, :active, :changedAt) ON CONFLICT (staff_id) DO UPDATE"
                                + " SET team_code = EXCLUDED.team_code, roles = EXCLUDED.roles,"
                                + " active = EXCLUDED.active, changed_at = EXCLUDED.changed_at"
                                + " WHERE practitioner.changed_at <= EXCLUDED.changed_at"
                        : "UPDATE practitioner SET team_code = :teamCode, roles = :roles, active ="
                                + " :active, changed_at = :changedAt WHERE staff_id = :staffId AND"
                                + " changed_at <= :changedAt";
        int taken =
                jdbc.sql(sql)
                        .param("staffId", changed.staffId())
                        .param("teamCode", changed.teamCode())
                        .param("roles", changed.roleCodes().toArray(String[]::new))
                        .param("active", changed.active())
                        .param("changedAt", Timestamp.from(changed.effectiveAt()))
                        .update();
        if (taken == 1) {
            Practitioner now = find(changed.staffId()).orElseThrow();
            listeners.forEach(listener -> listener.changed(now));
        }
    }

    /** A member of care staff as the directory last heard of them. */
    public Optional<Practitioner> find(String staffId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM practitioner WHERE staff_id = :staffId")
                .param("staffId", staffId)
                .query(PractitionerDirectory::map)
                .optional();
    }

    /** The active practitioners of a team (every team's if null), by staff id. */
    public List<Practitioner> activePractitioners(String teamCode) {
        return jdbc.sql(
                        "SELECT "
                                + COLUMNS
                                + " FROM practitioner WHERE active AND :role = ANY (roles) AND"
                                + " (CAST(:team AS text) IS NULL OR team_code = :team) ORDER BY"
                                + " staff_id")
                .param("role", PRACTITIONER)
                .param("team", teamCode)
                .query(PractitionerDirectory::map)
                .list();
    }

    private static Practitioner map(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        return new Practitioner(
                rs.getString("staff_id"),
                rs.getString("team_code"),
                Arrays.asList((String[]) roles.getArray()),
                rs.getBoolean("active"),
                rs.getTimestamp("changed_at").toInstant());
    }

    /**
     * One member of care staff.
     *
     * @param staffId SAP personnel number
     * @param teamCode their team
     * @param roles their platform roles
     * @param active whether they are still employed to work referrals
     * @param changedAt when SAP HR last changed them
     */
    public record Practitioner(
            String staffId,
            String teamCode,
            List<String> roles,
            boolean active,
            Instant changedAt) {

        /** Whether referrals may be assigned to them. */
        public boolean canTakeReferrals() {
            return active && roles.contains(PRACTITIONER);
        }
    }
}
