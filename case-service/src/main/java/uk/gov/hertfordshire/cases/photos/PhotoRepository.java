package uk.gov.hertfordshire.cases.photos;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Case photos in PostgreSQL, through plain SQL. */
@Repository
class PhotoRepository {

    private static final String COLUMNS =
            "id, case_id, content_type, size_bytes, width, height, sha256, uploaded_by,"
                    + " uploaded_at";

    private final JdbcClient jdbc;

    PhotoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    int countFor(UUID caseId) {
        return jdbc.sql("SELECT count(*) FROM case_photo WHERE case_id = :caseId")
                .param("caseId", caseId)
                .query(Integer.class)
                .single();
    }

    void insert(StoredPhoto photo, byte[] content) {
        jdbc.sql(
                        "INSERT INTO case_photo (id, case_id, content_type, content, size_bytes,"
                                + " width, height, sha256, uploaded_by, uploaded_at) VALUES (:id,"
                                + " :caseId, :contentType, :content, :sizeBytes, :width, :height,"
                                + " :sha256, :uploadedBy, :uploadedAt)")
                .param("id", photo.id())
                .param("caseId", photo.caseId())
                .param("contentType", photo.type().mediaType())
                .param("content", content)
                .param("sizeBytes", photo.sizeBytes())
                .param("width", photo.width())
                .param("height", photo.height())
                .param("sha256", photo.sha256())
                .param("uploadedBy", photo.uploadedBy())
                .param("uploadedAt", Timestamp.from(photo.uploadedAt()))
                .update();
    }

    List<StoredPhoto> listFor(UUID caseId) {
        return jdbc.sql(
                        "SELECT "
                                + COLUMNS
                                + " FROM case_photo WHERE case_id = :caseId"
                                + " ORDER BY uploaded_at, id")
                .param("caseId", caseId)
                .query(PhotoRepository::map)
                .list();
    }

    Optional<StoredPhoto> find(UUID caseId, UUID photoId) {
        return jdbc.sql(
                        "SELECT "
                                + COLUMNS
                                + " FROM case_photo WHERE case_id = :caseId AND id = :id")
                .param("caseId", caseId)
                .param("id", photoId)
                .query(PhotoRepository::map)
                .optional();
    }

    byte[] content(UUID photoId) {
        return jdbc.sql("SELECT content FROM case_photo WHERE id = :id")
                .param("id", photoId)
                .query(byte[].class)
                .single();
    }

    private static StoredPhoto map(ResultSet rs, int row) throws SQLException {
        return new StoredPhoto(
                rs.getObject("id", UUID.class),
                rs.getObject("case_id", UUID.class),
                PhotoType.fromMediaType(rs.getString("content_type")).orElseThrow(),
                rs.getInt("size_bytes"),
                rs.getInt("width"),
                rs.getInt("height"),
                rs.getString("sha256"),
                rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant());
    }
}
