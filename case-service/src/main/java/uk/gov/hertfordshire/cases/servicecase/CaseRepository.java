package uk.gov.hertfordshire.cases.servicecase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Cases in PostgreSQL, through plain SQL (ADR 3): the only writer of {@code service_case}, and the
 * one way to lock a case's row ({@link #lock}).
 */
@Repository
public class CaseRepository {

    /**
     * How a case's row is locked, here and nowhere else: {@code FOR NO KEY UPDATE} serialises every
     * change to one case (it conflicts with itself) without blocking the inserts of rows that refer
     * to the case (updates, supporters, photos), which only share-lock its key.
     */
    static final String LOCK = "FOR NO KEY UPDATE";

    private static final String COLUMNS =
            "id, service_code, channel, description, latitude, longitude, address, uprn, status,"
                    + " submitted_at, submitted_by, due_at, team_code, assignee_staff_id,"
                    + " duplicate_of, updated_at, answers";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, List<String>>> ANSWERS =
            new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Outbox outbox;

    CaseRepository(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * Stores a new case and the event that announces it, in one statement: the case row and the
     * outbox row together cost one database round trip, not two (ADR 52).
     */
    public void insert(ServiceCase submitted, CaseSubmitted event) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", submitted.id());
        values.put("serviceCode", submitted.serviceCode());
        values.put("channel", submitted.channel().wireValue());
        values.put("description", submitted.description());
        values.put(
                "latitude", submitted.location() == null ? null : submitted.location().latitude());
        values.put(
                "longitude",
                submitted.location() == null ? null : submitted.location().longitude());
        values.put("status", submitted.status().wireValue());
        values.put("submittedAt", Timestamp.from(submitted.submittedAt()));
        values.put("submittedBy", submitted.submittedBy());
        values.put("dueAt", timestamp(submitted.dueAt()));
        values.put("address", submitted.place().address());
        values.put("uprn", submitted.place().uprn());
        values.put("postcodeDistrict", submitted.place().postcodeDistrict());
        values.put(
                "answers",
                submitted.answers().isEmpty()
                        ? null
                        : JSON.writeValueAsString(submitted.answers()));
        boolean written =
                outbox.appendWith(
                        event,
                        "INSERT INTO service_case (id, service_code, channel, description, latitude,"
                                + " longitude, status, submitted_at, submitted_by, due_at, address, uprn,"
                                + " postcode_district, answers) VALUES (:id, :serviceCode, :channel,"
                                + " :description, :latitude, :longitude, :status, :submittedAt,"
                                + " :submittedBy, :dueAt, :address, :uprn, :postcodeDistrict,"
                                + " CAST(:answers AS jsonb))",
                        values);
        if (!written) { // an INSERT writes its row or fails: this would be a bug here
            throw new IllegalStateException("case " + submitted.id() + " was not written");
        }
    }

    /** The case as it stands, without locking it. */
    public Optional<ServiceCase> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_case WHERE id = :id")
                .param("id", id)
                .query(CaseRepository::map)
                .optional();
    }

    /**
     * The case, its row locked until the transaction ends, so changes to one case apply one at a
     * time and what was read under the lock still holds when the change is written. Call it inside
     * a transaction; lock two cases in id order ({@link #lockInIdOrder}).
     */
    public Optional<ServiceCase> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_case WHERE id = :id " + LOCK)
                .param("id", id)
                .query(CaseRepository::map)
                .optional();
    }

    /**
     * The open cases assigned to this officer, by id: the order to lock them in. Read without a
     * lock; lock each before changing it.
     */
    public List<UUID> openAssignedTo(String staffId) {
        return jdbc.sql(
                        "SELECT id FROM service_case WHERE assignee_staff_id = :staffId AND status IN"
                                + " (:open) ORDER BY id")
                .param("staffId", staffId)
                .param("open", CaseStatus.openWireValues())
                .query(UUID.class)
                .list();
    }

    /**
     * Locks two cases in id order, so two transactions that each lock both (marking A a duplicate
     * of B while B is marked a duplicate of A) wait for each other instead of deadlocking.
     */
    public void lockInIdOrder(UUID one, UUID other) {
        UUID first = one.compareTo(other) < 0 ? one : other;
        lock(first);
        lock(first.equals(one) ? other : one);
    }

    /**
     * Writes a staff action's outcome: the new status, assignment, duplicate and due time, when
     * staff acted, and the resolved/closed times and target flags the action sets or clears.
     *
     * @param action the lifecycle action's name ({@code RESOLVE}, {@code CLOSE}, {@code REOPEN}
     *     change the times and flags; any other leaves them)
     */
    public void applyTransition(
            UUID id,
            String action,
            CaseStatus to,
            String teamCode,
            String assigneeStaffId,
            UUID duplicateOf,
            Instant dueAt,
            Instant at) {
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
                .param("status", to.wireValue())
                .param("at", Timestamp.from(at))
                .param("team", teamCode)
                .param("assignee", assigneeStaffId)
                .param("duplicateOf", duplicateOf)
                .param("dueAt", timestamp(dueAt))
                .param("action", action)
                .param("id", id)
                .update();
    }

    /**
     * Makes the reporter and supporters of a duplicate supporters of the case it duplicates, so
     * they can follow the case that will be worked.
     */
    public void moveSupporters(UUID duplicate, UUID original, Instant at) {
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

    /** Whether this citizen said "me too" to the case, or reported a duplicate merged into it. */
    public boolean isSupporter(UUID id, String citizen) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM case_supporter WHERE case_id = :id AND"
                                + " supporter = :citizen)")
                .param("id", id)
                .param("citizen", citizen)
                .query(Boolean.class)
                .single();
    }

    /**
     * Claims up to {@code limit} open cases due by then whose approaching (or breached) event has
     * not been emitted, earliest due first. The rows are locked as {@link #lock} locks them, but
     * rows another transaction holds are skipped, so two watchers never claim the same case.
     *
     * @param breached claim for "target breached" (due before {@code dueBy}) rather than "target
     *     approaching" (due by {@code dueBy})
     */
    public List<DueCase> claimDue(boolean breached, Instant dueBy, int limit) {
        return jdbc.sql(
                        "SELECT id, service_code, due_at FROM service_case WHERE status IN"
                                + " (:open) AND "
                                + (breached
                                        ? "due_at < :dueBy AND target_breached_at IS NULL"
                                        : "due_at <= :dueBy AND target_approaching_at IS NULL")
                                + " ORDER BY due_at LIMIT :limit "
                                + LOCK
                                + " SKIP LOCKED")
                .param("open", CaseStatus.openWireValues())
                .param("dueBy", Timestamp.from(dueBy))
                .param("limit", limit)
                .query(
                        (rs, row) ->
                                new DueCase(
                                        rs.getObject("id", UUID.class),
                                        rs.getString("service_code"),
                                        rs.getTimestamp("due_at").toInstant()))
                .list();
    }

    /**
     * Records that a claimed case's target event was emitted; a breach also counts as the approach
     * (a case first seen past its due time gets only the breach).
     */
    public void markTargetEvent(UUID id, boolean breached, Instant at) {
        jdbc.sql(
                        breached
                                ? "UPDATE service_case SET target_breached_at = :now,"
                                        + " target_approaching_at = COALESCE(target_approaching_at,"
                                        + " :now) WHERE id = :id"
                                : "UPDATE service_case SET target_approaching_at = :now WHERE id"
                                        + " = :id")
                .param("now", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    /** An open case whose response target event is due. */
    public record DueCase(UUID id, String serviceCode, Instant dueAt) {}

    /**
     * Open cases per team (null: not yet given to one) past their due time at {@code now}, and due
     * between {@code now} and {@code soon}.
     */
    public List<TeamTargets> targetsByTeam(Instant now, Instant soon) {
        return jdbc.sql(
                        "SELECT team_code, count(*) FILTER (WHERE due_at < :now) AS breached,"
                                + " count(*) FILTER (WHERE due_at >= :now AND due_at <= :soon)"
                                + " AS approaching FROM service_case WHERE status IN (:open)"
                                + " AND due_at IS NOT NULL GROUP BY team_code")
                .param("now", Timestamp.from(now))
                .param("soon", Timestamp.from(soon))
                .param("open", CaseStatus.openWireValues())
                .query(
                        (rs, row) ->
                                new TeamTargets(
                                        rs.getString("team_code"),
                                        rs.getLong("approaching"),
                                        rs.getLong("breached")))
                .list();
    }

    /** How many of a team's open cases approach their target, and how many are past it. */
    public record TeamTargets(String team, long approaching, long breached) {}

    private static ServiceCase map(ResultSet rs, int row) throws SQLException {
        double latitude = rs.getDouble("latitude");
        Location location = rs.wasNull() ? null : new Location(latitude, rs.getDouble("longitude"));
        return new ServiceCase(
                rs.getObject("id", UUID.class),
                rs.getString("service_code"),
                Channel.fromWire(rs.getString("channel")),
                rs.getString("description"),
                location,
                new Place(rs.getString("address"), rs.getString("uprn")),
                CaseStatus.fromWire(rs.getString("status")),
                rs.getTimestamp("submitted_at").toInstant(),
                rs.getString("submitted_by"),
                instant(rs.getTimestamp("due_at")),
                rs.getString("team_code"),
                rs.getString("assignee_staff_id"),
                rs.getObject("duplicate_of", UUID.class),
                instant(rs.getTimestamp("updated_at")),
                answers(rs.getString("answers")));
    }

    private static Map<String, List<String>> answers(String json) {
        return json == null ? Map.of() : JSON.readValue(json, ANSWERS);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
