package uk.gov.hertfordshire.cases.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.cases.CaseApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** The per-team gauges count open cases by their due time, set here by SQL. */
@PlatformIntegrationTest
class TargetGaugesIntegrationTest {

    static final TestIssuer.TokenBuilder ALICE = TestIssuer.shared().citizen("alice");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired TargetGauges gauges;
    @Autowired MeterRegistry meters;

    @Test
    void countsOpenCasesPastAndNearTheirTargetPerTeam() {
        String team = "gauges-" + UUID.randomUUID().toString().substring(0, 8);
        CaseApi api = new CaseApi(port);
        UUID late = api.submit(ALICE, "pothole", "web", 51.71, -0.32);
        UUID alsoLate = api.submit(ALICE, "pothole", "web", 51.72, -0.32);
        UUID near = api.submit(ALICE, "pothole", "web", 51.73, -0.32);
        UUID comfortable = api.submit(ALICE, "pothole", "web", 51.74, -0.32);
        UUID resolvedLate = api.submit(ALICE, "pothole", "web", 51.75, -0.32);
        due(late, team, "-1 hour");
        due(alsoLate, team, "-3 days");
        due(near, team, "3 hours");
        due(comfortable, team, "5 hours");
        due(resolvedLate, team, "-1 hour");
        jdbc.sql("UPDATE service_case SET status = 'resolved' WHERE id = :id")
                .param("id", resolvedLate)
                .update();

        gauges.refresh();

        assertThat(value("case.targets.breached", team)).isEqualTo(2);
        assertThat(value("case.targets.approaching", team)).isEqualTo(1);

        jdbc.sql("UPDATE service_case SET status = 'resolved' WHERE id = :id")
                .param("id", late)
                .update();
        gauges.refresh();
        assertThat(value("case.targets.breached", team))
                .as("resolved: no longer counted")
                .isEqualTo(1);
    }

    private double value(String name, String team) {
        return meters.get(name).tag("team", team).gauge().value();
    }

    private void due(UUID id, String team, String interval) {
        jdbc.sql(
                        "UPDATE service_case SET team_code = :team,"
                                + " due_at = now() + CAST(:interval AS interval) WHERE id = :id")
                .param("team", team)
                .param("interval", interval)
                .param("id", id)
                .update();
    }
}
