package uk.gov.hertfordshire.platform.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/**
 * The platform's Prometheus (./platform up starts it where the Debian package is installed), seen
 * through its HTTP API: targets, instant queries, alerts.
 */
final class Prometheus {

    static final URI BASE = URI.create("http://127.0.0.1:9090");

    /**
     * How long {@link #running()} waits for {@code /-/ready} (Prometheus replays its WAL first).
     */
    static final Duration READY_WITHIN = Duration.ofSeconds(60);

    /**
     * Set once Prometheus was not ready within {@link #READY_WITHIN}, so the other tests of the run
     * are refused at once rather than each waiting another minute.
     */
    private static volatile boolean neverReady;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Prometheus once it answers {@code /-/ready} (waiting up to {@link #READY_WITHIN}). Where
     * ./platform could not start it, the calling test is skipped with a banner in its log and in
     * the report ("SKIPPED, NOT CHECKED"), as the browser tests are without Chromium; in CI
     * (environment {@code CI=true}), where {@code .ci/run} installs Prometheus, it fails instead,
     * so a check CI owes cannot pass by being skipped.
     */
    static Prometheus running() {
        Prometheus prometheus = new Prometheus();
        if (!neverReady && prometheus.readyWithin(READY_WITHIN)) {
            return prometheus;
        }
        neverReady = true;
        String message =
                "SKIPPED, NOT CHECKED: the monitoring end-to-end checks. Prometheus did not answer "
                        + BASE.resolve("/-/ready")
                        + " with 200 within "
                        + READY_WITHIN.toSeconds()
                        + " s (apt-get install prometheus; .ci/run installs it and ./platform up"
                        + " starts it).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("In CI Prometheus must be running. " + message);
        }
        org.slf4j.LoggerFactory.getLogger(Prometheus.class)
                .warn("\n{}\n*** {}\n{}", "*".repeat(100), message, "*".repeat(100));
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable: abort() always throws");
    }

    /** Whether {@code /-/ready} answers 200 within the limit, asking every half second. */
    private boolean readyWithin(Duration limit) {
        try {
            await("Prometheus answers " + BASE.resolve("/-/ready") + " with 200")
                    .atMost(limit)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions() // not listening yet: ask again until the limit
                    .until(this::ready);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private boolean ready() throws IOException, InterruptedException {
        return http.send(
                                HttpRequest.newBuilder(BASE.resolve("/-/ready"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                == 200;
    }

    /** The {@code data} of an API answer whose status is success. */
    JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(BASE.resolve(pathAndQuery))
                                .timeout(Duration.ofSeconds(15))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode body = Platform.JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
            throw new IOException(pathAndQuery + " answered " + response.body());
        }
        return body.get("data");
    }

    /** The series an instant query returns now. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
                .get("result");
    }

    JsonNode activeTargets() throws IOException, InterruptedException {
        return api("/api/v1/targets?state=active").get("activeTargets");
    }

    /** Alerts pending or firing now. */
    JsonNode alerts() throws IOException, InterruptedException {
        return api("/api/v1/alerts").get("alerts");
    }

    /**
     * A target's exposition fetched as Prometheus fetches it (the target's {@code scrapeUrl}), with
     * its status, so that an error page is not read as metrics.
     */
    HttpResponse<String> scrape(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
