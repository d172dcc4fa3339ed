package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A planted failure, end to end: analytics-service's database refuses new case facts (a trigger:
 * the switch), so a well-formed case.submitted event fails its retries and lands in the group's
 * dead-letter topic; Prometheus fires DeadLetters within two minutes (2 s scrape and evaluation in
 * the end-to-end run). Once the trigger is dropped and the letter re-driven, the alert clears.
 */
class DeadLetterAlertIT {

    private static final String ANALYTICS_DB = "jdbc:postgresql://127.0.0.1:5433/analytics_service";
    private static final String GROUP = "analytics-service";

    private final Platform platform = new Platform();
    private final Prometheus prometheus = Prometheus.running();

    /** An earlier run stopped half-way leaves neither the switch on nor letters waiting. */
    @BeforeEach
    void startClean() throws Exception {
        plantFailure(false);
        reDrive();
        await("no DeadLetters alert for analytics-service before the planted failure")
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> !firing().contains(GROUP + " cases.events"));
    }

    @AfterEach
    void flipTheSwitchBack() throws SQLException {
        plantFailure(false);
    }

    @Test
    void aDeadLetterFiresTheAlertAndReDrivingItClearsIt() throws Exception {
        plantFailure(true);

        String caseId = platform.submitCase("web", "pothole");
        assertThat(caseId).isNotNull();

        await("DeadLetters fires for analytics-service's cases.events subscription")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> firing().contains(GROUP + " cases.events"));

        plantFailure(false);
        reDrive();

        await("the alert clears once nothing is pending")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> !firing().contains(GROUP + " cases.events"));
        assertThat(platform.countedContacts())
                .as("the re-driven case is counted once")
                .containsEntry(caseId, 1);
    }

    /**
     * Re-drives analytics-service's dead letters from cases.events to its handler, through {@link
     * Platform#command} (this run's data folder, at most a minute).
     */
    private void reDrive() throws Exception {
        Platform.Command replay =
                platform.command("deadletters", "analytics-service", GROUP, "cases.events");
        assertThat(replay.exit())
                .as("./platform deadletters re-drives: " + replay.output())
                .isZero();
    }

    /** "group topic" of each DeadLetters alert firing now. */
    private List<String> firing() throws Exception {
        List<String> firing = new ArrayList<>();
        for (JsonNode alert : prometheus.alerts()) {
            if ("DeadLetters".equals(alert.at("/labels/alertname").asString())
                    && "firing".equals(alert.get("state").asString())) {
                firing.add(
                        alert.at("/labels/group").asString()
                                + " "
                                + alert.at("/labels/topic").asString());
            }
        }
        return firing;
    }

    /** The switch: while the trigger exists, analytics cannot record a new case. */
    private static void plantFailure(boolean on) throws SQLException {
        try (Connection db = DriverManager.getConnection(ANALYTICS_DB, "postgres", "");
                Statement sql = db.createStatement()) {
            if (on) {
                sql.execute(
                        "CREATE OR REPLACE FUNCTION planted_failure() RETURNS trigger"
                                + " LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION"
                                + " 'planted failure: case facts refused'; END $$");
                sql.execute(
                        "CREATE TRIGGER planted_failure BEFORE INSERT ON case_fact"
                                + " FOR EACH ROW EXECUTE FUNCTION planted_failure()");
            } else {
                sql.execute("DROP TRIGGER IF EXISTS planted_failure ON case_fact");
                sql.execute("DROP FUNCTION IF EXISTS planted_failure()");
            }
        }
    }
}
