package uk.gov.hertfordshire.care.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.care.CareHttp;
import uk.gov.hertfordshire.care.CareInfrastructure;
import uk.gov.hertfordshire.care.CareIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** Every access is audited, and the service's own role cannot rewrite the audit. */
@CareIntegrationTest
class AccessAuditIntegrationTest {

    static final String STAFF = TestIssuer.shared().issuer(TestIssuer.STAFF);

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.flyway.user}")
    String owner;

    @Value("${spring.flyway.password}")
    String ownerPassword;

    @Test
    void theServiceRunsAsItsRuntimeRoleNotTheOwner() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getUserName())
                    .isEqualTo(CareInfrastructure.RUNTIME_ROLE);
        }
    }

    @Test
    void aReadIsAuditedWithWhoWhichRecordAndWhy() throws Exception {
        CareHttp http = new CareHttp(port);
        UUID id = http.recordAdultReferral();

        assertThat(http.get("/api/care/referrals/" + id, CareHttp.practitioner()).statusCode())
                .isEqualTo(200);

        assertThat(
                        jdbc.sql(
                                        "SELECT actor || ' ' || action || ' ' || purpose FROM"
                                                + " access_audit WHERE referral_id = :id ORDER BY"
                                                + " id")
                                .param("id", id)
                                .query(String.class)
                                .list())
                .containsExactly(
                        STAFF + "|agent-carol referral.create intake",
                        STAFF + "|practitioner-grace referral.read triage");
    }

    @Test
    void aRefusedReadIsNotAuditedAsARead() throws Exception {
        CareHttp http = new CareHttp(port);
        UUID id = http.recordAdultReferral();

        assertThat(http.get("/api/care/referrals/" + id, CareHttp.agent()).statusCode())
                .isEqualTo(403);

        assertThat(count(id, "referral.read")).isZero();
    }

    @Test
    void theRuntimeRoleMayInsertButNotUpdateDeleteOrTruncateTheAudit() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(
                    "INSERT INTO access_audit (at, actor, action, purpose) VALUES (now(),"
                            + " 'test|control', 'audit.test', 'positive-control')");

            assertThatThrownBy(
                            () -> statement.executeUpdate("UPDATE access_audit SET purpose = 'x'"))
                    .hasMessageContaining("permission denied for table access_audit");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM access_audit"))
                    .hasMessageContaining("permission denied for table access_audit");
            assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE access_audit"))
                    .hasMessageContaining("permission denied for table access_audit");
        }
        assertThat(
                        jdbc.sql("SELECT count(*) FROM access_audit WHERE actor = 'test|control'")
                                .query(Long.class)
                                .single())
                .isEqualTo(1);
    }

    @Test
    void evenTheOwnerCannotRewriteTheAudit() throws Exception {
        try (Connection connection = DriverManager.getConnection(url, owner, ownerPassword);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(
                    "INSERT INTO access_audit (at, actor, action, purpose) VALUES (now(),"
                            + " 'test|owner', 'audit.test', 'positive-control')");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM access_audit"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE access_audit"))
                    .hasMessageContaining("append-only");
        }
    }

    private long count(UUID id, String action) {
        return jdbc.sql(
                        "SELECT count(*) FROM access_audit WHERE referral_id = :id AND action ="
                                + " :action")
                .param("id", id)
                .param("action", action)
                .query(Long.class)
                .single();
    }
}
