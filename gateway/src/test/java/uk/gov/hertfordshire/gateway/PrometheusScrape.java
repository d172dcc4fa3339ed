package uk.gov.hertfordshire.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's Prometheus scrape as the SLO rules read it (deploy/monitoring/rules/slo.yml): a
 * sample is selected by its metric name and a set of labels, and summed as PromQL's {@code sum}
 * would.
 */
final class PrometheusScrape {

    static final String COUNT = "http_server_requests_seconds_count";
    static final String BUCKET = "http_server_requests_seconds_bucket";
    static final String OK = "status=\"200\"";

    private static final Pattern SAMPLE = Pattern.compile("(?m)^(\\w+)\\{([^}]*)} (\\S+)$");

    private PrometheusScrape() {}

    /** The exposition text of the gateway's management port. */
    static String scrape(int managementPort) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + managementPort
                                                        + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** What PromQL's {@code sum(metric{labels})} would rise by between two scrapes. */
    static double increase(String before, String after, String metric, String... labels) {
        return sum(after, metric, labels) - sum(before, metric, labels);
    }

    private static double sum(String scrape, String metric, String... labels) {
        double sum = 0;
        Matcher sample = SAMPLE.matcher(scrape);
        while (sample.find()) {
            List<String> present = List.of(sample.group(2).split(","));
            if (sample.group(1).equals(metric) && present.containsAll(List.of(labels))) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }
}
