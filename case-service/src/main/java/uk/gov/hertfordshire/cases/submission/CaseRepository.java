package uk.gov.hertfordshire.cases.submission;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.events.Channel;

/** Cases in PostgreSQL, through plain SQL. */
@Repository
class CaseRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, List<String>>> ANSWERS =
            new TypeReference<>() {};

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SubmittedCase submitted) {
        jdbc.sql(
                        "INSERT INTO service_case (id, service_code, channel, description, latitude,"
                                + " longitude, status, submitted_at, submitted_by, due_at, address,"
                                + " uprn, postcode_district, answers) VALUES (:id, :serviceCode,"
                                + " :channel, :description, :latitude, :longitude, :status,"
                                + " :submittedAt, :submittedBy, :dueAt, :address, :uprn,"
                                + " :postcodeDistrict, CAST(:answers AS jsonb))")
                .param(
                        "answers",
                        submitted.answers().isEmpty()
                                ? null
                                : JSON.writeValueAsString(submitted.answers()))
                .param("id", submitted.id())
                .param("address", submitted.place().address())
                .param("uprn", submitted.place().uprn())
                .param("postcodeDistrict", submitted.place().postcodeDistrict())
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
                .param("submittedAt", Timestamp.from(submitted.submittedAt()))
                .param("submittedBy", submitted.submittedBy())
                .param(
                        "dueAt",
                        submitted.dueAt() == null ? null : Timestamp.from(submitted.dueAt()))
                .update();
    }

    Optional<SubmittedCase> find(UUID id) {
        return jdbc.sql(
                        "SELECT id, service_code, channel, description, latitude, longitude,"
                                + " address, uprn, status, submitted_at, submitted_by, due_at,"
                                + " team_code, assignee_staff_id, updated_at, answers FROM"
                                + " service_case"
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
                new Place(rs.getString("address"), rs.getString("uprn")),
                rs.getString("status"),
                rs.getTimestamp("submitted_at").toInstant(),
                rs.getString("submitted_by"),
                instant(rs.getTimestamp("due_at")),
                rs.getString("team_code"),
                rs.getString("assignee_staff_id"),
                instant(rs.getTimestamp("updated_at")),
                answers(rs.getString("answers")));
    }

    private static Map<String, List<String>> answers(String json) {
        return json == null ? Map.of() : JSON.readValue(json, ANSWERS);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
