package uk.gov.hertfordshire.cases.servicecase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * Lists of cases for staff queues and a citizen's own list, in plain SQL with every value bound as
 * a parameter; the columns a list may be sorted by come from a fixed map, never from the request.
 */
@Repository
public class CaseLists {

    /** What a list may be sorted by (the API's names), and the column each stands for. */
    public static final Map<String, String> SORT_COLUMNS =
            Map.of("dueAt", "due_at", "submittedAt", "submitted_at", "updatedAt", "updated_at");

    private static final String COLUMNS =
            "id, service_code, channel, status, team_code, assignee_staff_id, submitted_at,"
                    + " due_at, updated_at, (SELECT count(*) FROM case_supporter s WHERE s.case_id"
                    + " = c.id) AS supporters";

    private final JdbcClient jdbc;
    private final Clock clock;

    CaseLists(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One page of a staff queue. */
    @Transactional(readOnly = true)
    public Page staffQueue(Filter query) {
        Instant now = Instant.now(clock);
        String where =
                " FROM service_case c WHERE status IN (:statuses)"
                        + " AND (CAST(:service AS text) IS NULL OR service_code = :service)"
                        + " AND (CAST(:team AS text) IS NULL OR team_code = :team)"
                        + " AND (CAST(:assignee AS text) IS NULL OR assignee_staff_id = :assignee)"
                        + " AND (CAST(:channel AS text) IS NULL OR channel = :channel)"
                        + " AND (NOT :overdue OR (due_at < :now AND status IN (:open)))";
        var total =
                bind(jdbc.sql("SELECT count(*)" + where), query, now).query(Long.class).single();
        List<CaseSummary> items =
                bind(
                                jdbc.sql(
                                        "SELECT "
                                                + COLUMNS
                                                + where
                                                + " ORDER BY "
                                                + query.orderBy()
                                                + " LIMIT :limit OFFSET :offset"),
                                query,
                                now)
                        .param("limit", query.size())
                        .param("offset", (long) query.page() * query.size())
                        .query((rs, row) -> map(rs, now, null))
                        .list();
        return new Page(items, query.page(), query.size(), total);
    }

    /** The cases a citizen reported or follows ("me too"), newest first. */
    @Transactional(readOnly = true)
    public List<CaseSummary> followedBy(String citizen) {
        Instant now = Instant.now(clock);
        return jdbc.sql(
                        "SELECT "
                                + COLUMNS
                                + ", CASE WHEN submitted_by = :citizen THEN 'reporter' ELSE"
                                + " 'supporter' END AS relationship FROM service_case c WHERE"
                                + " submitted_by = :citizen OR id IN (SELECT case_id FROM"
                                + " case_supporter WHERE supporter = :citizen) ORDER BY"
                                + " submitted_at DESC, id LIMIT 200")
                .param("citizen", citizen)
                .query((rs, row) -> map(rs, now, rs.getString("relationship")))
                .list();
    }

    private static JdbcClient.StatementSpec bind(
            JdbcClient.StatementSpec sql, Filter query, Instant now) {
        return sql.param("statuses", query.statusWireValues())
                .param("service", query.serviceCode())
                .param("team", query.teamCode())
                .param("assignee", query.assigneeStaffId())
                .param("channel", query.channel() == null ? null : query.channel().wireValue())
                .param("overdue", query.overdue())
                .param("now", Timestamp.from(now))
                .param("open", CaseStatus.openWireValues());
    }

    private static CaseSummary map(ResultSet rs, Instant now, String relationship)
            throws SQLException {
        CaseStatus status = CaseStatus.fromWire(rs.getString("status"));
        Timestamp due = rs.getTimestamp("due_at");
        Timestamp updated = rs.getTimestamp("updated_at");
        return new CaseSummary(
                rs.getObject("id", UUID.class),
                rs.getString("service_code"),
                rs.getString("channel"),
                status.wireValue(),
                rs.getString("team_code"),
                rs.getString("assignee_staff_id"),
                rs.getTimestamp("submitted_at").toInstant(),
                due == null ? null : due.toInstant(),
                due != null && status.isOpen() && due.toInstant().isBefore(now),
                updated == null ? null : updated.toInstant(),
                rs.getLong("supporters"),
                relationship);
    }

    /**
     * One case in a list.
     *
     * @param overdue still open and past its due time
     * @param supporters how many others said "me too"
     * @param relationship for a citizen's own list, {@code reporter} or {@code supporter}
     */
    public record CaseSummary(
            UUID id,
            String serviceCode,
            String channel,
            String status,
            String teamCode,
            String assigneeStaffId,
            Instant submittedAt,
            Instant dueAt,
            boolean overdue,
            Instant updatedAt,
            long supporters,
            String relationship) {

        /**
         * The same case as a citizen sees it: the assigned team, not the officer's SAP personnel
         * number, which is for staff only (as in the single-case view).
         */
        public CaseSummary withoutAssignee() {
            return new CaseSummary(
                    id,
                    serviceCode,
                    channel,
                    status,
                    teamCode,
                    null,
                    submittedAt,
                    dueAt,
                    overdue,
                    updatedAt,
                    supporters,
                    relationship);
        }
    }

    /** One page of a queue. */
    public record Page(List<CaseSummary> items, int page, int size, long totalItems) {}

    /**
     * A staff queue's filters, order and page, already checked.
     *
     * @param statuses only these statuses (empty: every open status — the backlog)
     * @param serviceCode only this service, or null
     * @param teamCode only this team, or null
     * @param assigneeStaffId only this officer's cases, or null
     * @param channel only this channel, or null
     * @param overdue only cases past their due time and still open, if true
     * @param sort a key of {@link #SORT_COLUMNS}, {@code -} first for newest/latest first
     */
    public record Filter(
            List<CaseStatus> statuses,
            String serviceCode,
            String teamCode,
            String assigneeStaffId,
            Channel channel,
            boolean overdue,
            String sort,
            int page,
            int size) {

        public Filter {
            statuses = List.copyOf(statuses);
            String key = sort.startsWith("-") ? sort.substring(1) : sort;
            if (!SORT_COLUMNS.containsKey(key)) {
                throw new IllegalArgumentException("sort '" + sort + "' is not a sort column");
            }
        }

        /** The statuses to list: those asked for, or the open ones. */
        List<String> statusWireValues() {
            return statuses.isEmpty()
                    ? CaseStatus.openWireValues()
                    : statuses.stream().map(CaseStatus::wireValue).toList();
        }

        /** The ORDER BY clause, from the fixed column map; ties broken by id for stable pages. */
        String orderBy() {
            boolean descending = sort.startsWith("-");
            String column = SORT_COLUMNS.get(descending ? sort.substring(1) : sort);
            return column + (descending ? " DESC NULLS LAST" : " ASC NULLS LAST") + ", id";
        }
    }
}
