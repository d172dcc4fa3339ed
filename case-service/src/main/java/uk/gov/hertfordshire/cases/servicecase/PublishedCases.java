package uk.gov.hertfordshire.cases.servicecase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cases and their public updates as they are published to anyone who asks (Open311's reads). Who
 * sees what is decided here, in SQL, once for every read.
 *
 * <p>A case is visible if its service is public-realm (about a place), or the reader is staff who
 * work cases, or the reader submitted it. The reporter's contact details (table {@code
 * case_reporter}) are never read.
 *
 * <p>What a citizen told us, or we told them, outside Open311 stays between us ({@link
 * #DISCLOSED}): for a case not reported through Open311, anyone but staff and its submitter sees
 * where it is as coordinates only (never the typed address or the UPRN, often the reporter's own
 * home), no description, and its status changes without their notes (a public note is written to
 * the citizen: a rejection's reason, for one). A case a civic app sent through Open311 is shown as
 * the app sent it, since the app published it anyway, with its public notes.
 */
@Repository
public class PublishedCases {

    /**
     * Who is reading.
     *
     * @param callerId {@code Caller.id()} of the reader, or null when anonymous
     * @param readsAny whether the reader is staff who may read any case
     */
    public record Reader(String callerId, boolean readsAny) {}

    /**
     * What a listing asks for; null or empty means "any".
     *
     * @param caseStatuses wire values of {@link CaseStatus}
     * @param start from this second, inclusive (see {@link #cases})
     * @param end to this second, inclusive
     */
    public record Query(
            List<UUID> ids,
            List<String> serviceCodes,
            List<String> caseStatuses,
            Instant start,
            Instant end,
            int limit,
            long offset) {}

    /**
     * A case as published.
     *
     * @param description null unless the reader may see it
     * @param updatedAt when it last changed: its closing or resolving time if it is closed or
     *     resolved, else when staff last acted on it, else its submission
     * @param latitude null for a case without a point (then also {@code longitude})
     * @param mediaUrl the picture a civic app linked, or null
     * @param statusNotes the latest public update's text, or null
     */
    public record PublishedCase(
            UUID id,
            String status,
            String serviceCode,
            String serviceName,
            String description,
            String responsibleTeam,
            int responseTarget,
            String responseUnit,
            Instant submittedAt,
            Instant updatedAt,
            Instant dueAt,
            String address,
            String uprn,
            Double latitude,
            Double longitude,
            String mediaUrl,
            String statusNotes) {}

    /**
     * A public update on a published case.
     *
     * @param description null unless the reader may see it
     * @param mediaUrl the picture a civic app linked to a citizen's update it sent, or null
     */
    public record PublishedUpdate(
            UUID id,
            UUID caseId,
            String status,
            Instant createdAt,
            String description,
            String mediaUrl) {}

    private static final String VISIBLE =
            "(cat.public_realm OR :readsAny OR sc.submitted_by = :callerId)";

    /** Whether the reader may see what the reporter and the council said about the case. */
    static final String DISCLOSED =
            "(sc.channel = 'open311' OR :readsAny OR sc.submitted_by = :callerId)";

    private static final String SELECT_CASES =
            "SELECT sc.id, sc.status, sc.service_code, cat.name AS service_name,"
                    + " CASE WHEN "
                    + DISCLOSED
                    + " THEN sc.description END AS description,"
                    + " cat.responsible_team, cat.response_target, cat.response_unit,"
                    + " sc.submitted_at,"
                    + " CASE sc.status"
                    + "  WHEN 'closed' THEN coalesce(sc.closed_at, sc.updated_at, sc.submitted_at)"
                    + "  WHEN 'resolved' THEN"
                    + "   coalesce(sc.resolved_at, sc.updated_at, sc.submitted_at)"
                    + "  ELSE coalesce(sc.updated_at, sc.submitted_at) END AS updated_at,"
                    + " sc.due_at, sc.latitude, sc.longitude, o.media_url,"
                    + " CASE WHEN "
                    + DISCLOSED
                    + " THEN sc.address END AS address,"
                    + " CASE WHEN "
                    + DISCLOSED
                    + " THEN sc.uprn END AS uprn,"
                    + " CASE WHEN "
                    + DISCLOSED
                    + " THEN (SELECT u.description FROM case_update u WHERE u.case_id = sc.id"
                    + "   AND u.public ORDER BY u.created_at DESC, u.id DESC LIMIT 1)"
                    + " END AS status_notes"
                    + " FROM service_case sc"
                    + " JOIN catalogue_service cat ON cat.code = sc.service_code"
                    + " LEFT JOIN open311_request o ON o.case_id = sc.id"
                    + " WHERE "
                    + VISIBLE;

    private final JdbcClient jdbc;

    PublishedCases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The cases the reader may see that match, newest first. Times are shown to the second while
     * they are stored to the microsecond, so the window is taken in whole seconds: a request shown
     * as submitted at 10:30:00 is inside a window that starts or ends at 10:30:00 (FixMyStreet asks
     * for exactly that window to find a request again).
     */
    @Transactional(readOnly = true)
    public List<PublishedCase> cases(Query query, Reader reader) {
        StringBuilder sql = new StringBuilder(SELECT_CASES);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("readsAny", reader.readsAny());
        params.put("callerId", reader.callerId());
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
            params.put("start", fromSecond(query.start()));
        }
        if (query.end() != null) {
            sql.append(" AND sc.submitted_at < :end");
            params.put("end", afterSecond(query.end()));
        }
        sql.append(" ORDER BY sc.submitted_at DESC, sc.id LIMIT :limit OFFSET :offset");
        params.put("limit", query.limit());
        params.put("offset", query.offset());
        return jdbc.sql(sql.toString()).params(params).query(PublishedCases::map).list();
    }

    /**
     * Public updates (never internal notes) on cases the reader may see, newest first, in a window
     * of whole seconds, both inclusive (as {@link #cases}).
     */
    @Transactional(readOnly = true)
    public List<PublishedUpdate> updates(
            Instant start, Instant end, int limit, long offset, Reader reader) {
        return jdbc.sql(
                        "SELECT u.id, u.case_id, u.status, u.created_at,"
                                + " CASE WHEN "
                                + DISCLOSED
                                + " THEN u.description END AS description,"
                                + " CASE WHEN "
                                + DISCLOSED
                                + " THEN ou.media_url END AS media_url"
                                + " FROM case_update u"
                                + " JOIN service_case sc ON sc.id = u.case_id"
                                + " LEFT JOIN open311_update ou ON ou.case_update_id = u.id"
                                + " JOIN catalogue_service cat ON cat.code = sc.service_code"
                                + " WHERE u.public AND "
                                + VISIBLE
                                + " AND u.created_at >= :start AND u.created_at < :end"
                                + " ORDER BY u.created_at DESC, u.id LIMIT :limit OFFSET :offset")
                .param("readsAny", reader.readsAny())
                .param("callerId", reader.callerId())
                .param("start", fromSecond(start))
                .param("end", afterSecond(end))
                .param("limit", limit)
                .param("offset", offset)
                .query(
                        (rs, n) ->
                                new PublishedUpdate(
                                        rs.getObject("id", UUID.class),
                                        rs.getObject("case_id", UUID.class),
                                        rs.getString("status"),
                                        rs.getTimestamp("created_at").toInstant(),
                                        rs.getString("description"),
                                        rs.getString("media_url")))
                .list();
    }

    private static PublishedCase map(ResultSet rs, int row) throws SQLException {
        double latitude = rs.getDouble("latitude");
        boolean located = !rs.wasNull();
        return new PublishedCase(
                rs.getObject("id", UUID.class),
                rs.getString("status"),
                rs.getString("service_code"),
                rs.getString("service_name"),
                rs.getString("description"),
                rs.getString("responsible_team"),
                rs.getInt("response_target"),
                rs.getString("response_unit"),
                instant(rs, "submitted_at"),
                instant(rs, "updated_at"),
                instant(rs, "due_at"),
                rs.getString("address"),
                rs.getString("uprn"),
                located ? latitude : null,
                located ? rs.getDouble("longitude") : null,
                rs.getString("media_url"),
                rs.getString("status_notes"));
    }

    /** The start of the second this instant falls in. */
    private static Timestamp fromSecond(Instant start) {
        return Timestamp.from(start.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The start of the second after the one this instant falls in (an exclusive bound). */
    private static Timestamp afterSecond(Instant end) {
        return Timestamp.from(end.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
