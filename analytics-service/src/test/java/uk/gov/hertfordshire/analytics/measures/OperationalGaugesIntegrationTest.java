package uk.gov.hertfordshire.analytics.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.analytics.support.AnalyticsClient;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** The Prometheus gauges move with today's events (no other test uses today's date). */
@PlatformIntegrationTest
class OperationalGaugesIntegrationTest {

    @LocalServerPort int port;

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
        await().atMost(Duration.ofSeconds(30)).until(() -> gauge("analytics_backlog_cases") >= 0);
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
        assertThat(gauge("analytics_backlog_cases")).isEqualTo(backlogBefore + 3);
        assertThat(gauge("analytics_contacts_today")).isEqualTo(contactsBefore + 3);
        if (contactsBefore == 0) {
            assertThat(gauge("analytics_digital_take_up_today")).isEqualTo(2.0 / 3);
        }
        assertThat(breachCounter()).isEqualTo(counterBefore + 1);
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
