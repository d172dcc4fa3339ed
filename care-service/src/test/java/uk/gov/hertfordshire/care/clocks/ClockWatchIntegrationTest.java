package uk.gov.hertfordshire.care.clocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.care.CareHttp;
import uk.gov.hertfordshire.care.CareIntegrationTest;

/**
 * Clocks approaching and passing their due time emit one event each, once, even with two watches
 * scanning at the same moment (as two replicas would). Due times are set by SQL relative to the
 * database's clock; the approaching window is its default, 2 hours.
 */
@CareIntegrationTest
class ClockWatchIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String EVENT = "uk.gov.hertfordshire.care.";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ClockWatch watch;
    @Autowired ClockMetrics metrics;
    @Autowired MeterRegistry meters;

    @Test
    void approachingThenBreachedAreEmittedOncePerClockAcrossTwoWatches() throws Exception {
        UUID referral = new CareHttp(port).recordAdultReferral();
        dueIn(referral, "triage", "1 hour");
        dueIn(referral, "s42_decision", "5 hours");

        assertThat(scanTwiceAtOnce()).isEqualTo(1);
        assertThat(scanTwiceAtOnce()).isZero();
        assertThat(clockEvents(referral)).containsExactly(EVENT + "clock-approaching.v1");

        dueIn(referral, "triage", "-1 minute");
        assertThat(scanTwiceAtOnce()).isEqualTo(1);
        assertThat(scanTwiceAtOnce()).isZero();
        assertThat(clockEvents(referral))
                .containsExactly(EVENT + "clock-approaching.v1", EVENT + "clock-breached.v1");
    }

    @Test
    void aStoppedClockEmitsNothingAndTheManagersViewListsRunningClocksMostUrgentFirst()
            throws Exception {
        CareHttp http = new CareHttp(port);
        UUID referral = http.recordAdultReferral();
        dueIn(referral, "s42_decision", "-3 days");
        dueIn(referral, "triage", "-2 days");
        jdbc.sql(
                        "UPDATE referral_clock SET stopped_at = now() WHERE referral_id = :id AND"
                                + " kind = 'triage'")
                .param("id", referral)
                .update();

        watch.watch();

        assertThat(clockEvents(referral)).containsExactly(EVENT + "clock-breached.v1");
        var view = http.get("/api/care/clocks", CareHttp.careManager());
        assertThat(view.statusCode()).isEqualTo(200);
        JsonNode clocks = JSON.readTree(view.body());
        List<String> ours = new ArrayList<>();
        List<Instant> due = new ArrayList<>();
        clocks.forEach(
                clock -> {
                    due.add(Instant.parse(clock.get("dueAt").asString()));
                    if (clock.get("referralId").asString().equals(referral.toString())) {
                        ours.add(clock.get("clock").asString());
                    }
                });
        assertThat(ours).containsExactly("s42_decision");
        assertThat(due).isSorted();
        assertThat(http.get("/api/care/clocks", CareHttp.practitioner()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theGaugesCountBreachedAndApproachingReferralsByTeamAndClock() throws Exception {
        String team = "CS-METRICS";
        jdbc.sql(
                        "INSERT INTO practitioner (staff_id, team_code, roles, active, changed_at)"
                                + " VALUES ('00088801', :team, ARRAY['PRACTITIONER'], true, now())")
                .param("team", team)
                .update();
        CareHttp http = new CareHttp(port);
        UUID late = http.recordAdultReferral();
        UUID soon = http.recordAdultReferral();
        for (UUID referral : List.of(late, soon)) {
            jdbc.sql("UPDATE referral SET assigned_staff_id = '00088801' WHERE id = :id")
                    .param("id", referral)
                    .update();
        }
        dueIn(late, "triage", "-1 minute");
        dueIn(late, "s42_decision", "1 hour");
        dueIn(soon, "triage", "3 hours"); // beyond the 2-hour window: neither
        dueIn(soon, "s42_decision", "90 minutes");
        try {
            metrics.refresh();
        } finally {
            // Stopped again at once, so the other tests' watch scans see none of these clocks.
            jdbc.sql("UPDATE referral_clock SET stopped_at = now() WHERE referral_id IN (:ids)")
                    .param("ids", List.of(late, soon))
                    .update();
        }

        assertThat(gauge("care.clocks.breached", team, "triage")).isEqualTo(1);
        assertThat(gauge("care.clocks.approaching", team, "triage")).isZero();
        assertThat(gauge("care.clocks.breached", team, "s42_decision")).isZero();
        assertThat(gauge("care.clocks.approaching", team, "s42_decision")).isEqualTo(2);
        for (ClockKind kind : ClockKind.values()) {
            assertThat(
                            meters.find("care.clocks.breached")
                                    .tags("team", "unassigned", "clock", kind.code())
                                    .gauge())
                    .as("an unassigned series for %s", kind)
                    .isNotNull();
        }
        String scraped = http.get("/actuator/prometheus", null).body();
        assertThat(scraped)
                .contains("# HELP care_clocks_breached_referrals Referrals past the due time")
                .contains(
                        "care_clocks_breached_referrals{clock=\"triage\",team=\""
                                + team
                                + "\"} 1.0");
    }

    private double gauge(String name, String team, String clock) {
        return meters.get(name).tags("team", team, "clock", clock).gauge().value();
    }

    private int scanTwiceAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> scan = watch::scan;
            List<Future<Integer>> results = pool.invokeAll(List.of(scan, scan));
            return results.get(0).get() + results.get(1).get();
        } finally {
            pool.shutdown();
        }
    }

    private void dueIn(UUID referral, String kind, String interval) {
        jdbc.sql(
                        "UPDATE referral_clock SET due_at = now() + CAST(:interval AS interval)"
                                + " WHERE referral_id = :id AND kind = :kind")
                .param("interval", interval)
                .param("id", referral)
                .param("kind", kind)
                .update();
    }

    private List<String> clockEvents(UUID referral) {
        return jdbc.sql(
                        "SELECT event_type FROM platform.outbox WHERE message_key = :key AND"
                                + " event_type LIKE '%.clock-%' ORDER BY id")
                .param("key", referral.toString())
                .query(String.class)
                .list();
    }
}
