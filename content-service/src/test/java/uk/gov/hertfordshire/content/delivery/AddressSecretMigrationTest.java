package uk.gov.hertfordshire.content.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure.Database;

/**
 * Migration 7 gives each database a random secret of its own, and hashes every row the old
 * hard-coded key wrote once more with it: none of those hashes is left to reverse, and the rows
 * keep only the links the new hashes keep (feedback within a day, reports within a listing).
 */
class AddressSecretMigrationTest {

    static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);
    static final LocalDate TUESDAY = MONDAY.plusDays(1);

    @Test
    void oldHashesAreHashedAgainUnderTheNewSecretKeepingOnlyTheirDayAndListingLinks() {
        Database database = TestInfrastructure.shared().newDatabase("address_secret_migration");
        migrate(database, "6");
        JdbcClient jdbc =
                JdbcClient.create(
                        new DriverManagerDataSource(
                                database.jdbcUrl(), database.username(), database.password()));
        UUID a = item(jdbc, "/m/a");
        UUID b = item(jdbc, "/m/b");
        String old = oldDefaultHash("203.0.113.7");
        feedback(jdbc, a, old, MONDAY);
        feedback(jdbc, b, old, MONDAY);
        feedback(jdbc, a, old, TUESDAY);
        report(jdbc, a, old, MONDAY);
        report(jdbc, a, old, TUESDAY);
        report(jdbc, b, old, MONDAY);
        // The control: before migration 7, the old hash is what the rows hold.
        assertThat(rowsHashed(jdbc, "feedback", old)).isEqualTo(3);
        assertThat(rowsHashed(jdbc, "listing_report", old)).isEqualTo(3);

        migrate(database, "7");

        assertThat(rowsHashed(jdbc, "feedback", old)).isZero();
        assertThat(rowsHashed(jdbc, "listing_report", old)).isZero();
        String feedbackMonday = hash(jdbc, "feedback", a, MONDAY);
        assertThat(hash(jdbc, "feedback", b, MONDAY)).isEqualTo(feedbackMonday);
        assertThat(hash(jdbc, "feedback", a, TUESDAY)).isNotEqualTo(feedbackMonday);
        String reportsOfA = hash(jdbc, "listing_report", a, MONDAY);
        assertThat(hash(jdbc, "listing_report", a, TUESDAY)).isEqualTo(reportsOfA);
        assertThat(hash(jdbc, "listing_report", b, MONDAY)).isNotEqualTo(reportsOfA);
        assertThat(reportsOfA).isNotEqualTo(feedbackMonday).matches("[0-9a-f]{64}");
    }

    @Test
    void eachDatabaseMakesASecretOfItsOwn() {
        String first = secretOfANewDatabase();
        assertThat(first).matches("[0-9a-f]{64}");
        assertThat(secretOfANewDatabase()).isNotEqualTo(first);
    }

    private static String secretOfANewDatabase() {
        Database database = TestInfrastructure.shared().newDatabase("address_secret");
        migrate(database, "7");
        return JdbcClient.create(
                        new DriverManagerDataSource(
                                database.jdbcUrl(), database.username(), database.password()))
                .sql("SELECT secret FROM address_secret")
                .query(String.class)
                .single();
    }

    /**
     * The SQL migrations up to {@code version} (migration 2, the starter content, is Java and needs
     * the application: not run here).
     */
    private static void migrate(Database database, String version) {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration")
                .target(version)
                .load()
                .migrate();
    }

    private static UUID item(JdbcClient jdbc, String path) {
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        "INSERT INTO content_item (id, type, path, status, latest_revision,"
                                + " version, created_at, updated_at) VALUES (:id, 'community_listing',"
                                + " :path, 'published', 1, 1, now(), now())")
                .param("id", id)
                .param("path", path)
                .update();
        return id;
    }

    private static void feedback(JdbcClient jdbc, UUID item, String hash, LocalDate day) {
        jdbc.sql(
                        "INSERT INTO feedback (id, item_id, client_hash, day, channel, revision,"
                                + " received_at) VALUES (:id, :item, :hash, :day, 'web', 1, now())")
                .param("id", UUID.randomUUID())
                .param("item", item)
                .param("hash", hash)
                .param("day", day)
                .update();
    }

    private static void report(JdbcClient jdbc, UUID item, String hash, LocalDate day) {
        jdbc.sql(
                        "INSERT INTO listing_report (item_id, client_hash, day, reported_at)"
                                + " VALUES (:item, :hash, :day, :at)")
                .param("item", item)
                .param("hash", hash)
                .param("day", day)
                .param("at", Timestamp.from(Instant.now()))
                .update();
    }

    private static int rowsHashed(JdbcClient jdbc, String table, String hash) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE client_hash = :hash")
                .param("hash", hash)
                .query(Integer.class)
                .single();
    }

    private static String hash(JdbcClient jdbc, String table, UUID item, LocalDate day) {
        return jdbc.sql(
                        "SELECT client_hash FROM "
                                + table
                                + " WHERE item_id = :item AND day = :day")
                .param("item", item)
                .param("day", day)
                .query(String.class)
                .single();
    }

    /** The address's HMAC under the key the service used to have in its source. */
    static String oldDefaultHash(String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(
                    new SecretKeySpec(
                            "content-feedback-local-key".getBytes(StandardCharsets.UTF_8),
                            "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
