package uk.gov.hertfordshire.cases.submission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.gov.hertfordshire.platform.events.Channel;

/** Cases in PostgreSQL, through plain SQL. */
@Repository
class CaseRepository {

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SubmittedCase submitted) {
        insert(submitted, null, null);
    }

    /** Stores the case with the address string and UPRN a civic app may give instead of a point. */
    void insert(SubmittedCase submitted, String address, String uprn) {
        jdbc.sql(
                        "INSERT INTO service_case (id, service_code, channel, description, latitude,"
                                + " longitude, status, submitted_at, submitted_by, due_at, address,"
                                + " uprn) VALUES (:id, :serviceCode, :channel, :description,"
                                + " :latitude, :longitude, :status, :submittedAt, :submittedBy,"
                                + " :dueAt, :address, :uprn)")
                .param("id", submitted.id())
                .param("address", address)
                .param("uprn", uprn)
                .param("serviceCode", submitted.serviceCode())
                .param("channel", submitted.channel().wireValue())
                .param("description", submitted.description())
                .param(
                        "latitude",
                        submitted.location() == null ? null : submitted.location().latitude())
                .param(
                        "longitude",
                        submitted.location() == null ? null : submitted.location().longitude())
                .param("status", submitted.status())
                .param("submittedAt", java.sql.Timestamp.from(submitted.submittedAt()))
                .param("submittedBy", submitted.submittedBy())
                .param(
                        "dueAt",
                        submitted.dueAt() == null
                                ? null
                                : java.sql.Timestamp.from(submitted.dueAt()))
                .update();
    }

    Optional<SubmittedCase> find(UUID id) {
        return jdbc.sql(
                        "SELECT id, service_code, channel, description, latitude, longitude,"
                                + " status, submitted_at, submitted_by, due_at FROM service_case"
                                + " WHERE id = :id")
                .param("id", id)
                .query(CaseRepository::map)
                .optional();
    }

    /** Whether this citizen said "me too" to the case, or reported a duplicate merged into it. */
    boolean isSupporter(UUID id, String citizen) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM case_supporter WHERE case_id = :id AND"
                                + " supporter = :citizen)")
                .param("id", id)
                .param("citizen", citizen)
                .query(Boolean.class)
                .single();
    }

    private static SubmittedCase map(ResultSet rs, int row) throws SQLException {
        double latitude = rs.getDouble("latitude");
        Location location = rs.wasNull() ? null : new Location(latitude, rs.getDouble("longitude"));
        return new SubmittedCase(
                rs.getObject("id", UUID.class),
                rs.getString("service_code"),
                Channel.fromWire(rs.getString("channel")),
                rs.getString("description"),
                location,
                rs.getString("status"),
                rs.getTimestamp("submitted_at").toInstant(),
                rs.getString("submitted_by"),
                rs.getTimestamp("due_at") == null ? null : rs.getTimestamp("due_at").toInstant());
    }
}
