package uk.gov.hertfordshire.cases.servicecase;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Open cases of one service within a distance of a point, reported within a window (defaults 50 m
 * and 30 days, {@code platform.cases.duplicates.*}). Distance is the great-circle (haversine)
 * distance on a sphere of the Earth's mean radius, which is within 0.5% of the ellipsoidal distance
 * at these latitudes: 0.25 m at 50 m. A bounding box on latitude and longitude narrows the rows
 * before the exact distance is computed.
 */
@Repository
public class NearbyCases {

    /** IUGG mean Earth radius in metres. */
    static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final double radiusMetres;
    private final Duration window;

    NearbyCases(
            JdbcClient jdbc,
            Clock clock,
            @Value("${platform.cases.duplicates.radius-metres:50}") double radiusMetres,
            @Value("${platform.cases.duplicates.window:P30D}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.radiusMetres = radiusMetres;
        this.window = window;
    }

    /** How far from the point a likely duplicate may be. */
    public double radiusMetres() {
        return radiusMetres;
    }

    /** Likely duplicates of a report at this point, nearest first. */
    public List<Nearby> near(String serviceCode, double latitude, double longitude) {
        double latitudeDelta = Math.toDegrees(radiusMetres / EARTH_RADIUS_METRES);
        double longitudeDelta = latitudeDelta / Math.cos(Math.toRadians(latitude));
        return jdbc.sql(
                        "SELECT * FROM (SELECT id, status, submitted_at, (SELECT count(*) FROM"
                                + " case_supporter s WHERE s.case_id = c.id) AS supporters, 2 * :r *"
                                + " asin(sqrt(power(sin(radians(latitude - :lat) / 2), 2) +"
                                + " cos(radians(:lat)) * cos(radians(latitude)) *"
                                + " power(sin(radians(longitude - :lng) / 2), 2))) AS metres FROM"
                                + " service_case c WHERE service_code = :service AND status IN"
                                + " (:open) AND submitted_at >= :since AND latitude BETWEEN :minLat"
                                + " AND :maxLat AND longitude BETWEEN :minLng AND :maxLng) near"
                                + " WHERE metres <= :radius ORDER BY metres, id LIMIT 20")
                .param("r", EARTH_RADIUS_METRES)
                .param("lat", latitude)
                .param("lng", longitude)
                .param("service", serviceCode)
                .param("open", CaseStatus.openWireValues())
                .param("since", Timestamp.from(Instant.now(clock).minus(window)))
                .param("minLat", latitude - latitudeDelta)
                .param("maxLat", latitude + latitudeDelta)
                .param("minLng", longitude - longitudeDelta)
                .param("maxLng", longitude + longitudeDelta)
                .param("radius", radiusMetres)
                .query(
                        (rs, row) ->
                                new Nearby(
                                        rs.getObject("id", UUID.class),
                                        CaseStatus.fromWire(rs.getString("status")).wireValue(),
                                        rs.getTimestamp("submitted_at").toInstant(),
                                        Math.round(rs.getDouble("metres") * 10) / 10.0,
                                        rs.getLong("supporters")))
                .list();
    }

    /**
     * A likely duplicate, without who reported it or what they wrote.
     *
     * @param distanceMetres from the point asked about, to 0.1 m
     * @param supporters how many people already said "me too"
     */
    public record Nearby(
            UUID id, String status, Instant submittedAt, double distanceMetres, long supporters) {}
}
