package uk.gov.hertfordshire.platform.support.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

/** Backlog gauges read on scrape: how many events wait to be sent and how long the oldest has. */
final class OutboxMetrics {

    private final JdbcTemplate jdbc;

    OutboxMetrics(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        Gauge.builder("outbox.backlog", this, OutboxMetrics::backlog)
                .description("Outbox events not yet acknowledged by the broker")
                .baseUnit("events")
                .register(meters);
        Gauge.builder("outbox.oldest.unsent.age", this, OutboxMetrics::oldestAgeSeconds)
                .description("Age of the oldest outbox event not yet acknowledged by the broker")
                .baseUnit("seconds")
                .register(meters);
    }

    double backlog() {
        try {
            Long count =
                    jdbc.queryForObject(
                            "SELECT count(*) FROM platform.outbox WHERE sent_at IS NULL",
                            Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    double oldestAgeSeconds() {
        try {
            Double age =
                    jdbc.queryForObject(
                            "SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)"
                                    + " FROM platform.outbox WHERE sent_at IS NULL",
                            Double.class);
            return age == null ? 0 : age;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
