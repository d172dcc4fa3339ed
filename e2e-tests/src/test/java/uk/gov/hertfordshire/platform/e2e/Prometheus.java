package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The platform's Prometheus (./platform up starts it where the Debian package is installed), seen
 * through its HTTP API: targets, instant queries, alerts.
 */
final class Prometheus {

    static final URI BASE = URI.create("http://127.0.0.1:9090");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Skips the calling test, loudly, where ./platform could not start Prometheus. */
    static Prometheus running() {
        Prometheus prometheus = new Prometheus();
        boolean ready;
        try {
            ready =
                    prometheus
                                    .http
                                    .send(
                                            HttpRequest.newBuilder(BASE.resolve("/-/ready"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
        } catch (IOException e) {
            ready = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready = false;
        }
        if (!ready) {
            org.slf4j.LoggerFactory.getLogger(Prometheus.class)
                    .warn(
                            "\n*** SKIPPED: Prometheus is not running (apt-get install prometheus;"
                                    + " .ci/run does): the monitoring end-to-end checks did NOT"
                                    + " run ***");
        }
        assumeThat(ready).as("Prometheus runs on " + BASE).isTrue();
        return prometheus;
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

    String scrape(String url) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(15))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
