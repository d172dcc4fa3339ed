package uk.gov.hertfordshire.analytics.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.analytics.support.AnalyticsClient;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.StatementLog;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** The Prometheus gauges move with today's events (no other test uses today's date). */
@PlatformIntegrationTest
class OperationalGaugesIntegrationTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;

    private AnalyticsClient client;

    @BeforeEach
    void connect() {
        client = new AnalyticsClient(port);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void backlogBreachesAndTodaysDigitalTakeUpAreGauges() {
        // The backlog may be counted up to BACKLOG_MAX_AGE ago: wait until it is the table's.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> gauge("analytics_backlog_cases") == openCases());
        double backlogBefore = gauge("analytics_backlog_cases");
        double breachesBefore = gauge("analytics_target_breaches_today");
        double contactsBefore = gauge("analytics_contacts_today");
        double counterBefore = breachCounter();

        Instant now = Instant.now();
        String caseId = submit(Channel.WEB, now);
        submit(Channel.APP, now);
        submit(Channel.PHONE, now);
        client.publish(new CaseTargetBreached(caseId, "gauge-test", now.minusSeconds(60), now));

        // Three new open cases, three contacts today (two online), one breach found today.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> gauge("analytics_target_breaches_today") == breachesBefore + 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> gauge("analytics_backlog_cases") == backlogBefore + 3);
        assertThat(gauge("analytics_contacts_today")).isEqualTo(contactsBefore + 3);
        if (contactsBefore == 0) {
            assertThat(gauge("analytics_digital_take_up_today")).isEqualTo(2.0 / 3);
        }
        assertThat(breachCounter()).isEqualTo(counterBefore + 1);
    }

    /**
     * A scrape every 0.2 s (as the analytics benchmark does) must not count the whole of case_fact
     * each time: within BACKLOG_MAX_AGE the backlog is counted once, then again once it is older.
     */
    @Test
    void theBacklogIsCountedAtMostOnceInItsMaxAgeHoweverOftenItIsRead() {
        Gauge backlog = meters.get("analytics.backlog.cases").gauge();
        backlog.value();

        List<String> fiveReads =
                StatementLog.during(
                        () -> {
                            for (int i = 0; i < 5; i++) {
                                backlog.value();
                            }
                        });

        assertThat(fiveReads).filteredOn(OperationalGaugesIntegrationTest::countsCases).isEmpty();
        // Positive control: once the count is older than its max age, a read counts again.
        await().pollInterval(Duration.ofMillis(500))
                .atMost(OperationalGauges.BACKLOG_MAX_AGE.plusSeconds(10))
                .until(
                        () ->
                                StatementLog.during(backlog::value).stream()
                                        .anyMatch(OperationalGaugesIntegrationTest::countsCases));
    }

    private static boolean countsCases(String statement) {
        return statement.startsWith("select count(*) from");
    }

    /** The served generation's unfinished cases, counted here as the README defines them. */
    private double openCases() {
        return jdbc.sql(
                        "SELECT count(*) FROM case_fact WHERE generation = (SELECT generation FROM"
                                + " projection_generation WHERE state = 'serving') AND status IN"
                                + " ('submitted', 'triaged', 'assigned', 'in_progress',"
                                + " 'reopened')")
                .query(Long.class)
                .single();
    }

    private String submit(Channel channel, Instant at) {
        String caseId = UUID.randomUUID().toString();
        client.publish(new CaseSubmitted(caseId, "gauge-test", channel, at, null, null));
        return caseId;
    }

    private double breachCounter() {
        Matcher m =
                Pattern.compile(
                                "analytics_events_total\\{[^}]*type=\"uk\\.gov\\.hertfordshire\\.case\\.target-breached\\.v1\"[^}]*} ([0-9.Ee+-]+)")
                        .matcher(prometheus());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private double gauge(String name) {
        Matcher m =
                Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.Ee+-]+|NaN)$")
                        .matcher(prometheus());
        assertThat(m.find()).as(name + " is exported").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private String prometheus() {
        return client.get("/actuator/prometheus", TestIssuer.shared().staff("prometheus", "ADMIN"))
                .body();
    }
}
