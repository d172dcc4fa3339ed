package uk.gov.hertfordshire.platform.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.Promtool;

/**
 * What Prometheus scrapes from a service built on this library: the outbox, inbox and HTTP measures
 * operations rely on, each with help text and a unit, and nothing {@code promtool check metrics}
 * objects to among them.
 */
@PlatformIntegrationTest
class PrometheusExpositionTest {

    /**
     * The metric families this library names. Spring's {@code http_server_requests_seconds} comes
     * without help text and is left as Spring publishes it (docs/observability.md).
     */
    static final List<String> PLATFORM_OWNED = List.of("outbox_", "inbox_");

    @Autowired JdbcTemplate jdbc;

    @Autowired
    @Qualifier("platformEventTemplate")
    KafkaTemplate<String, byte[]> kafka;

    @LocalServerPort int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theOperationsMeasuresAreExposedWithHelpTextUnitsAndSloBuckets() throws Exception {
        String subject = UUID.randomUUID().toString();
        CloudEvents cloudEvents = new CloudEvents();
        kafka.send(
                        cloudEvents.toProducerRecord(
                                cloudEvents.toCloudEvent(
                                        new CaseSubmitted(
                                                subject,
                                                "pothole",
                                                Channel.WEB,
                                                Instant.now(),
                                                null,
                                                null),
                                        UUID.randomUUID(),
                                        null)))
                .get();
        await("the event is handled")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                jdbc.queryForObject(
                                                "SELECT count(*) FROM handled_event WHERE subject = ?",
                                                Long.class,
                                                subject)
                                        == 1);
        assertThat(get("/notices").statusCode()).isEqualTo(200);

        String exposition =
                await("the subscription's lag has been measured")
                        .atMost(Duration.ofSeconds(30))
                        .until(
                                () -> get("/actuator/prometheus").body(),
                                body -> body.contains("inbox_consumer_lag_events{"));

        assertThat(exposition)
                .contains("# HELP outbox_backlog_events ")
                .contains("# HELP outbox_oldest_unsent_age_seconds ")
                .contains("# HELP outbox_relay_sent_events_total ")
                .contains(
                        "inbox_handled_events_total{group=\"support-test\",topic=\"cases.events\"}")
                .contains(
                        "inbox_dead_letters_pending_events{group=\"support-test\",topic=\"cases.events\"}")
                .containsPattern(
                        "http_server_requests_seconds_bucket\\{[^}]*uri=\"/notices\",le=\"1.0\"\\}");
        assertThat(Promtool.metricProblems(exposition, PLATFORM_OWNED)).isEmpty();
    }

    @Test
    void theOpenMetricsScrapeCarriesNoExemplarsThatPrometheus242WouldRefuse() throws Exception {
        // A sampled trace (flags 01): its timers would carry the trace id as an exemplar.
        HttpResponse<String> traced =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/notices"))
                                .header(
                                        "traceparent",
                                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(traced.statusCode()).isEqualTo(200);

        HttpResponse<String> scrape =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://localhost:"
                                                        + port
                                                        + "/actuator/prometheus"))
                                .header("Accept", "application/openmetrics-text; version=1.0.0")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.body()).contains("# EOF").contains("http_server_requests_seconds_count");
        assertThat(scrape.body().lines().filter(line -> line.contains(" # {")))
                .as("exemplar lines (Prometheus 2.42 drops the whole scrape for one on a _count)")
                .isEmpty();
    }

    @Test
    void theLintFindsAPlatformMetricWithoutHelpOrUnit() throws Exception {
        String flawed = "# TYPE outbox_backlog gauge\noutbox_backlog 3\n";
        assertThat(Promtool.metricProblems(flawed, PLATFORM_OWNED))
                .as("the same check that passes above fails on a metric without help text")
                .anyMatch(line -> line.contains("no help text"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
