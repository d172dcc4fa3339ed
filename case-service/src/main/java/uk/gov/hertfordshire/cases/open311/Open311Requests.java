package uk.gov.hertfordshire.cases.open311;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cases and their public updates as GeoReport v2 shows them. Who sees what is decided here, in SQL,
 * once for every read: a request is visible if its service is public-realm (about a place), or the
 * viewer is staff who work cases, or the viewer submitted it. The reporter's contact details (table
 * {@code case_reporter}) are never read. A description is shown publicly only when it was sent
 * through Open311, where the app published it anyway; one a citizen typed on our own site or told
 * an agent on the phone is shown only to them and to staff.
 */
@Repository
class Open311Requests {

    /** What a listing asks for; null or empty means "any". */
    record Query(
            List<UUID> ids,
            List<String> serviceCodes,
            List<String> caseStatuses,
            Instant start,
            Instant end,
            int limit,
            long offset) {}

    private static final String VISIBLE =
            "(cat.public_realm OR :readsAny OR sc.submitted_by = :callerId)";

    private static final String SELECT_REQUESTS =
            "SELECT sc.id, sc.status, sc.service_code, cat.name AS service_name,"
                    + " CASE WHEN sc.channel = 'open311' OR :readsAny"
                    + " OR sc.submitted_by = :callerId THEN sc.description END AS description,"
                    + " cat.responsible_team, cat.response_target, cat.response_unit,"
                    + " sc.submitted_at,"
                    + " CASE sc.status"
                    + "  WHEN 'closed' THEN coalesce(sc.closed_at, sc.updated_at, sc.submitted_at)"
                    + "  WHEN 'resolved' THEN"
                    + "   coalesce(sc.resolved_at, sc.updated_at, sc.submitted_at)"
                    + "  ELSE coalesce(sc.updated_at, sc.submitted_at) END AS updated_at,"
                    + " sc.due_at, sc.address, sc.uprn, sc.latitude, sc.longitude, o.media_url,"
                    + " (SELECT u.description FROM case_update u WHERE u.case_id = sc.id"
                    + "   AND u.public ORDER BY u.created_at DESC, u.id DESC LIMIT 1)"
                    + "   AS status_notes"
                    + " FROM service_case sc"
                    + " JOIN catalogue_service cat ON cat.code = sc.service_code"
                    + " LEFT JOIN open311_request o ON o.case_id = sc.id"
                    + " WHERE "
                    + VISIBLE;

    private final JdbcClient jdbc;
    private final Open311Properties properties;

    Open311Requests(JdbcClient jdbc, Open311Properties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Transactional(readOnly = true)
    List<Map<String, Object>> requests(Query query, Viewer viewer) {
        StringBuilder sql = new StringBuilder(SELECT_REQUESTS);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("readsAny", viewer.readsAny());
        params.put("callerId", viewer.callerId());
        if (query.ids() != null) {
            sql.append(" AND sc.id IN (:ids)");
            params.put("ids", query.ids());
        }
        if (query.serviceCodes() != null && !query.serviceCodes().isEmpty()) {
            sql.append(" AND sc.service_code IN (:codes)");
            params.put("codes", query.serviceCodes());
        }
        if (query.caseStatuses() != null && !query.caseStatuses().isEmpty()) {
            sql.append(" AND sc.status IN (:statuses)");
            params.put("statuses", query.caseStatuses());
        }
        if (query.start() != null) {
            sql.append(" AND sc.submitted_at >= :start");
            params.put("start", Timestamp.from(query.start()));
        }
        if (query.end() != null) {
            sql.append(" AND sc.submitted_at <= :end");
            params.put("end", Timestamp.from(query.end()));
        }
        sql.append(" ORDER BY sc.submitted_at DESC, sc.id LIMIT :limit OFFSET :offset");
        params.put("limit", query.limit());
        params.put("offset", query.offset());
        return jdbc.sql(sql.toString()).params(params).query(this::request).list();
    }

    /** The service_request_id a POST's token stands for. */
    @Transactional(readOnly = true)
    Optional<UUID> byToken(String token) {
        return jdbc.sql("SELECT case_id FROM open311_request WHERE token = :token")
                .param("token", token)
                .query(UUID.class)
                .optional();
    }

    /** Public updates (never internal notes) on requests the viewer may see, newest first. */
    @Transactional(readOnly = true)
    List<Map<String, Object>> updates(
            Instant start, Instant end, int limit, long offset, Viewer viewer) {
        return jdbc.sql(
                        "SELECT u.id, u.case_id, u.status, u.created_at, u.description"
                                + " FROM case_update u"
                                + " JOIN service_case sc ON sc.id = u.case_id"
                                + " JOIN catalogue_service cat ON cat.code = sc.service_code"
                                + " WHERE u.public AND "
                                + VISIBLE
                                + " AND u.created_at >= :start AND u.created_at <= :end"
                                + " ORDER BY u.created_at DESC, u.id LIMIT :limit OFFSET :offset")
                .param("readsAny", viewer.readsAny())
                .param("callerId", viewer.callerId())
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end))
                .param("limit", limit)
                .param("offset", offset)
                .query(
                        (rs, n) -> {
                            Map<String, Object> update = new LinkedHashMap<>();
                            update.put("update_id", rs.getObject("id", UUID.class).toString());
                            update.put(
                                    "service_request_id",
                                    rs.getObject("case_id", UUID.class).toString());
                            update.put("status", Open311Status.of(rs.getString("status")));
                            update.put(
                                    "updated_datetime",
                                    W3cDates.format(rs.getTimestamp("created_at").toInstant()));
                            update.put("description", rs.getString("description"));
                            update.put("media_url", null);
                            return update;
                        })
                .list();
    }

    /** One request with the fields of the spec's GET Service Requests table, in its order. */
    private Map<String, Object> request(ResultSet rs, int row) throws SQLException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("service_request_id", rs.getObject("id", UUID.class).toString());
        request.put("status", Open311Status.of(rs.getString("status")));
        request.put("status_notes", rs.getString("status_notes"));
        request.put("service_name", rs.getString("service_name"));
        request.put("service_code", rs.getString("service_code"));
        request.put("description", rs.getString("description"));
        String team = rs.getString("responsible_team");
        request.put(
                "agency_responsible",
                team == null || team.isBlank() ? properties.councilName() : team);
        request.put(
                "service_notice",
                ServiceNotice.of(
                        properties.councilName(),
                        rs.getInt("response_target"),
                        rs.getString("response_unit")));
        request.put("requested_datetime", W3cDates.format(instant(rs, "submitted_at")));
        request.put("updated_datetime", W3cDates.format(instant(rs, "updated_at")));
        request.put("expected_datetime", W3cDates.format(instant(rs, "due_at")));
        request.put("address", rs.getString("address"));
        request.put("address_id", rs.getString("uprn"));
        request.put("zipcode", null);
        double latitude = rs.getDouble("latitude");
        boolean located = !rs.wasNull();
        request.put("lat", located ? latitude : null);
        request.put("long", located ? rs.getDouble("longitude") : null);
        request.put("media_url", rs.getString("media_url"));
        return request;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    static List<String> caseStatuses(List<Open311Status> statuses) {
        List<String> caseStatuses = new ArrayList<>();
        statuses.forEach(status -> caseStatuses.addAll(status.caseStatuses));
        return caseStatuses;
    }
}
