package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.testsupport.Promtool;

/**
 * Operations' view of the running platform: Prometheus scrapes every component, what they expose
 * passes {@code promtool check metrics} for the platform's own metrics, and every dashboard panel's
 * query returns data.
 */
class MonitoringIT {

    /** Every component ./platform starts, as a Prometheus job. */
    static final Set<String> COMPONENTS =
            Set.of(
                    "prometheus",
                    "kafka",
                    "identity-provider",
                    "gateway",
                    "case-service",
                    "content-service",
                    "care-service",
                    "sap-adapter",
                    "analytics-service",
                    "govuk-pay-stand-in",
                    "sap-simulator");

    /** Metric families the platform names (the rest are libraries'; docs/observability.md). */
    static final List<String> PLATFORM_OWNED =
            List.of(
                    "outbox_",
                    "inbox_",
                    "case_",
                    "care_",
                    "sap_",
                    "content_",
                    "analytics_",
                    "gateway_",
                    "govuk_pay_stand_in_",
                    "kafka_server_",
                    "kafka_controller_",
                    "kafka_log_",
                    "kafka_network_");

    /**
     * Names agreed in docs/observability.md that the services do not export yet: their panels are
     * evaluated (the query must be valid) but may be empty. Remove a name when its service lands.
     */
    static final List<String> AWAITED = List.of(); // none: every service exports its own

    private final Platform platform = new Platform();
    private final Prometheus prometheus = Prometheus.running();

    /** Every component ./platform starts, and postgres where its exporter is installed. */
    static Set<String> expectedJobs() {
        Set<String> expected = new TreeSet<>(COMPONENTS);
        if (Files.isExecutable(Path.of("/usr/bin/prometheus-postgres-exporter"))) {
            expected.add("postgres");
        }
        return expected;
    }

    @Test
    void prometheusScrapesEveryComponentAndAllAreUp() {
        Set<String> expected = expectedJobs();
        await("every component is a target Prometheus scraped successfully")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> {
                            Set<String> jobs = new TreeSet<>();
                            // by job and instance: a second target of a job that is down is not
                            // hidden behind the first one's "up"
                            Map<String, String> health = new TreeMap<>();
                            for (JsonNode target : prometheus.activeTargets()) {
                                String job = target.at("/labels/job").asString();
                                jobs.add(job);
                                health.put(
                                        job + " " + target.at("/labels/instance").asString(),
                                        (target.get("health").asString()
                                                        + " "
                                                        + target.get("lastError").asString())
                                                .strip());
                            }
                            assertThat(jobs).containsAll(expected);
                            assertThat(health)
                                    .allSatisfy((job, h) -> assertThat(h).as(job).isEqualTo("up"));
                        });
    }

    @Test
    void theirPlatformOwnedMetricsPassPromtool() throws Exception {
        JsonNode targets = prometheus.activeTargets();
        Set<String> jobs = new TreeSet<>();
        targets.forEach(target -> jobs.add(target.at("/labels/job").asString()));
        assertThat(jobs)
                .as("the targets checked below cover every component (none checked passes nothing)")
                .containsAll(expectedJobs());

        Map<String, List<String>> problems = new TreeMap<>();
        for (JsonNode target : targets) {
            String url = target.get("scrapeUrl").asString();
            HttpResponse<String> scraped = prometheus.scrape(url);
            List<String> found =
                    scraped.statusCode() == 200
                            ? Promtool.metricProblems(scraped.body(), PLATFORM_OWNED)
                            : List.of("answered " + scraped.statusCode() + ", not metrics");
            if (!found.isEmpty()) {
                problems.put(target.at("/labels/job").asString() + " " + url, found);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void whatIsNotAnExpositionIsAProblemBesideOneThatIs() throws Exception {
        JsonNode gateway = null;
        for (JsonNode target : prometheus.activeTargets()) {
            if ("gateway".equals(target.at("/labels/job").asString())) {
                gateway = target;
            }
        }
        assertThat(gateway).as("the gateway is a target").isNotNull();
        String url = gateway.get("scrapeUrl").asString();
        HttpResponse<String> scraped = prometheus.scrape(url);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(Promtool.metricProblems(scraped.body(), PLATFORM_OWNED))
                .as("the gateway's exposition, the positive control")
                .isEmpty();

        // The same target's address with a path nothing serves: an error page, not metrics.
        HttpResponse<String> missing = prometheus.scrape(url + "-no-such-endpoint");
        assertThat(missing.statusCode()).as(missing.body()).isNotEqualTo(200);
        assertThat(Promtool.metricProblems(missing.body(), PLATFORM_OWNED))
                .as("an error page is refused, though no line of it names a platform metric")
                .isNotEmpty();
        // Spring's error body for a path it does not serve, as a scrape of a moved endpoint gets.
        assertThat(
                        Promtool.metricProblems(
                                "{\"status\":404,\"error\":\"Not Found\","
                                        + "\"path\":\"/actuator/prometheus\"}\n",
                                PLATFORM_OWNED))
                .as("a 404 page is refused")
                .isNotEmpty();
        // A body cut off mid-line, as a scrape that times out would leave it.
        // It ends in the first sample's name, before its labels and value.
        int firstSample = scraped.body().indexOf("\n", scraped.body().indexOf("# TYPE ")) + 1;
        String cut = scraped.body().substring(0, firstSample + 3);
        assertThat(Promtool.metricProblems(cut, PLATFORM_OWNED))
                .as("a truncated exposition is refused")
                .isNotEmpty();
        assertThat(Promtool.metricProblems("", PLATFORM_OWNED))
                .as("an empty exposition is refused")
                .isNotEmpty();
    }

    @Test
    void everyDashboardPanelsQueryReturnsData() throws Exception {
        // Traffic for the SLO panels: a submission, a catalogue read, an Open311 read.
        assertThat(platform.submitCase("web", "pothole")).isNotNull();
        assertThat(platform.get("/api/catalogue/services").statusCode()).isEqualTo(200);
        assertThat(platform.get("/open311/v2/services.json").statusCode()).isEqualTo(200);

        List<String> queries = panelQueries();
        assertThat(queries).hasSizeGreaterThan(20);
        await("every panel's query returns series (rates need two scrapes)")
                .atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> {
                            List<String> empty = new ArrayList<>();
                            for (String query : queries) {
                                if (prometheus.query(query).isEmpty()
                                        && AWAITED.stream().noneMatch(query::contains)) {
                                    empty.add(query);
                                }
                            }
                            assertThat(empty).as("panels that show nothing").isEmpty();
                        });
    }

    @Test
    void aQueryForAMetricNoOneExportsIsEmpty() throws Exception {
        await("Prometheus has scraped")
                .atMost(Duration.ofSeconds(30))
                .until(() -> !prometheus.query("up").isEmpty());
        assertThat(prometheus.query("sum(rate(no_such_metric_total[5m]))"))
                .as("the check above can fail: a panel on an unknown metric returns nothing")
                .isEmpty();
    }

    static List<String> panelQueries() throws IOException {
        Path dashboards = Path.of("..", "deploy", "monitoring", "dashboards");
        List<String> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dashboards)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode panel : Platform.JSON.readTree(file.toFile()).get("panels")) {
                    for (JsonNode target : panel.get("targets")) {
                        queries.add(target.get("expr").asString());
                    }
                }
            }
        }
        return queries;
    }
}
