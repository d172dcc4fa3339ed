package uk.gov.hertfordshire.cases.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.cases.CaseApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Cases approaching and passing their due time emit one event each, once. Due times are set by SQL
 * relative to the database's clock; the watch's window is its default, 4 hours.
 */
@PlatformIntegrationTest
class TargetWatchIntegrationTest {

    static final String EVENT = "uk.gov.hertfordshire.case.";
    static final TestIssuer.TokenBuilder ALICE = TestIssuer.shared().citizen("alice");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired TargetWatch watch;

    @Test
    void approachingAndBreachedAreEachEmittedOnceAndOnlyForOpenCases() {
        CaseApi api = new CaseApi(port);
        UUID breached = api.submit(ALICE, "pothole", "web", 51.71, -0.31);
        UUID approaching = api.submit(ALICE, "pothole", "web", 51.72, -0.31);
        UUID comfortable = api.submit(ALICE, "pothole", "web", 51.73, -0.31);
        UUID resolvedLate = api.submit(ALICE, "pothole", "web", 51.74, -0.31);
        dueIn(breached, "-1 hour");
        dueIn(approaching, "3 hours");
        dueIn(comfortable, "5 hours");
        dueIn(resolvedLate, "-1 hour");
        jdbc.sql("UPDATE service_case SET status = 'resolved' WHERE id = :id")
                .param("id", resolvedLate)
                .update();

        int first = watch.scan();
        int second = watch.scan();

        assertThat(first).isEqualTo(2);
        assertThat(second).isZero();
        assertThat(typesOnceSettled(breached, 2))
                .containsExactly(EVENT + "submitted.v1", EVENT + "target-breached.v1");
        assertThat(typesOnceSettled(approaching, 2))
                .containsExactly(EVENT + "submitted.v1", EVENT + "target-approaching.v1");
        assertThat(typesOnceSettled(comfortable, 1)).containsExactly(EVENT + "submitted.v1");
        assertThat(typesOnceSettled(resolvedLate, 1)).containsExactly(EVENT + "submitted.v1");

        // The approaching case then passes its due time: one more event, the breach.
        dueIn(approaching, "-1 minute");
        assertThat(watch.scan()).isEqualTo(1);
        assertThat(typesOnceSettled(approaching, 3))
                .containsExactly(
                        EVENT + "submitted.v1",
                        EVENT + "target-approaching.v1",
                        EVENT + "target-breached.v1");
    }

    @Test
    void theScheduledWatchEmitsInItsOwnTransactions() {
        // watch() is what the scheduler calls: it must not rely on scan()'s proxy.
        CaseApi api = new CaseApi(port);
        UUID late = api.submit(ALICE, "pothole", "web", 51.75, -0.31);
        dueIn(late, "-2 hours");

        watch.watch();

        assertThat(typesOnceSettled(late, 2))
                .containsExactly(EVENT + "submitted.v1", EVENT + "target-breached.v1");
    }

    private void dueIn(UUID id, String interval) {
        jdbc.sql(
                        "UPDATE service_case SET due_at = now() + CAST(:interval AS interval) WHERE id = :id")
                .param("interval", interval)
                .param("id", id)
                .update();
    }

    private static List<String> typesOnceSettled(UUID id, int expected) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> CaseApi.eventTypesFor(id), types -> types.size() >= expected);
    }
}
