package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./platform}'s operator commands (Java since issue 14, deploy/local's commands package)
 * against the running platform: they find each service where the topology puts it, authenticate as
 * the persona each endpoint allows, and print what the services answer. {@code token} and {@code
 * api-key} are driven by every other test here; a re-drive by DeadLetterAlertIT.
 */
class OperatorCommandsIT {

    private final Platform platform = new Platform();

    @Test
    void theDashboardAddressCarriesAnAnalystTokenTheGatewayAccepts() throws Exception {
        String address = platform.output("analytics", "dashboard");

        assertThat(address).startsWith("http://127.0.0.1:8085/dashboard/#token=");
        String token = address.substring(address.indexOf("#token=") + "#token=".length());
        HttpResponse<String> channels =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:8080/api/analytics/channels"))
                                        .header("Authorization", "Bearer " + token)
                                        .timeout(Duration.ofSeconds(15))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(channels.statusCode()).as(channels.body()).isEqualTo(200);
    }

    @Test
    void careCommandsPrintCareServicesAnswers() throws Exception {
        JsonNode clocks = Platform.JSON.readTree(platform.output("care", "clocks"));
        JsonNode retention = Platform.JSON.readTree(platform.output("care", "retention"));

        assertThat(clocks.isArray()).as(clocks.toString()).isTrue();
        assertThat(retention.has("closedBefore")).as(retention.toString()).isTrue();
        assertThat(retention.get("due").isArray()).isTrue();
    }

    @Test
    void sapReconcileRunsThroughTheGatewayAndPrintsItsTable() throws Exception {
        YearMonth month = YearMonth.now(ZoneId.of("Europe/London"));

        Platform.Command reconcile = platform.command("sap", "reconcile", month.toString());

        // 0 clean, 1 mismatches: either way it ran (2 would be bad usage, 3 not run).
        assertThat(reconcile.exit()).as(reconcile.output()).isIn(0, 1);
        assertThat(reconcile.output().lines().limit(2))
                .hasSize(2)
                .first()
                .isEqualTo("period      checked mismatches");
        assertThat(reconcile.output().lines().skip(1).findFirst().orElseThrow())
                .matches(month + " +\\d+ +\\d+");
    }

    @Test
    void deadLettersAreListedForEveryServiceThatOwnsData() throws Exception {
        List<String> lines = platform.output("deadletters").lines().toList();

        assertThat(lines)
                .extracting(line -> line.substring(0, line.indexOf(": [")))
                .containsExactly(
                        "case-service",
                        "content-service",
                        "care-service",
                        "sap-adapter",
                        "analytics-service");
    }
}
