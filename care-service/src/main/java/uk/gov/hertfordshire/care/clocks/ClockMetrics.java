package uk.gov.hertfordshire.care.clocks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.platform.support.metrics.GaugeRows;

/**
 * Operations' view of the clocks, as gauges by team and clock: {@code
 * care_clocks_breached_referrals} (referrals past a running clock's due time) and {@code
 * care_clocks_approaching_referrals} (due within {@code platform.care.clocks.approaching-within}).
 * Counted from the due times at each refresh, not from the watch's events, so the breach alert
 * holds even if the watch stops. The team is the assigned practitioner's, {@code unassigned} for a
 * referral no one holds; every clock has an {@code unassigned} series, zero when empty, so a query
 * tells "none" from "not measured".
 */
@Component
class ClockMetrics {

    static final String UNASSIGNED = "unassigned";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ClockProperties targets;
    private final GaugeRows breached;
    private final GaugeRows approaching;

    ClockMetrics(JdbcClient jdbc, Clock clock, ClockProperties targets, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.targets = targets;
        this.breached =
                new GaugeRows(
                        MultiGauge.builder("care.clocks.breached")
                                .description(
                                        "Referrals past the due time of a running statutory or"
                                                + " local clock, by assigned team and clock")
                                .baseUnit("referrals")
                                .register(meters));
        this.approaching =
                new GaugeRows(
                        MultiGauge.builder("care.clocks.approaching")
                                .description(
                                        "Referrals whose running clock falls due within the"
                                                + " approaching window"
                                                + " (platform.care.clocks.approaching-within), by"
                                                + " assigned team and clock")
                                .baseUnit("referrals")
                                .register(meters));
    }

    @Scheduled(fixedDelayString = "${platform.care.clocks.metrics-interval:PT30S}")
    void refresh() {
        Instant now = Instant.now(clock);
        Map<Tags, long[]> counts = new HashMap<>();
        for (ClockKind kind : ClockKind.values()) {
            counts.put(tags(UNASSIGNED, kind.code()), new long[2]);
        }
        jdbc.sql(
                        "SELECT COALESCE(p.team_code, :unassigned) AS team, c.kind, count(*)"
                                + " FILTER (WHERE c.due_at < :now) AS breached, count(*) FILTER"
                                + " (WHERE c.due_at >= :now AND c.due_at <= :soon) AS approaching"
                                + " FROM referral_clock c JOIN referral r ON r.id ="
                                + " c.referral_id LEFT JOIN practitioner p ON p.staff_id ="
                                + " r.assigned_staff_id WHERE c.stopped_at IS NULL GROUP BY 1, 2")
                .param("unassigned", UNASSIGNED)
                .param("now", Timestamp.from(now))
                .param("soon", Timestamp.from(now.plus(targets.approachingWithin())))
                .query(
                        rs -> {
                            counts.put(
                                    tags(rs.getString("team"), rs.getString("kind")),
                                    new long[] {rs.getLong("breached"), rs.getLong("approaching")});
                        });
        Map<Tags, Long> breachedRows = new HashMap<>();
        Map<Tags, Long> approachingRows = new HashMap<>();
        counts.forEach(
                (tags, values) -> {
                    breachedRows.put(tags, values[0]);
                    approachingRows.put(tags, values[1]);
                });
        breached.set(breachedRows);
        approaching.set(approachingRows);
    }

    private static Tags tags(String team, String clock) {
        return Tags.of("team", team, "clock", clock);
    }
}
