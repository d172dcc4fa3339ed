package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
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

    /**
     * A fee paid now and posted to SAP by sap-adapter, then {@code ./platform sap reconcile} for
     * the month it was posted in: the command exits 0 with the month's postings checked (at least
     * this one) and none amiss.
     *
     * <p>Why nothing can be amiss on a fresh platform (CI's clean clone): every posting in
     * sap-adapter's ledger was made by this run's tests through the SAP simulator, which has held
     * its ledger in memory since {@code ./platform up}, and no end-to-end test plants a missing or
     * duplicated document or commissions a care package. The expected counts are still computed,
     * not assumed: a data folder reused from an earlier run this month holds postings of that run
     * that the restarted simulator no longer has, which reconciliation rightly finds missing. So
     * the command must print exactly the number of the month's posted entries and exactly those
     * without their one document in the simulator's own ledger (none on a fresh platform, so exit
     * 0), and exit 1 only if there are such entries.
     */
    @Test
    void sapReconcileFindsAFeePostedThisMonthInSapAndNothingAmiss() throws Exception {
        BlueBadgeFee blueBadge = new BlueBadgeFee(platform);
        String caseId = blueBadge.apply();
        BlueBadgeFee.Attempt paid = blueBadge.payWith(caseId, BlueBadgeFee.AUTHORISED_CARD);
        assertThat(paid.confirmation().statusCode()).as(paid.confirmation().body()).isEqualTo(201);
        String eventId = PayingAFeeIT.header(PayingAFeeIT.feePaidEventFor(caseId), "ce_id");
        JsonNode posting = PayingAFeeIT.postedOnTheOperationsApi(platform, eventId);
        YearMonth month = YearMonth.from(LocalDate.parse(posting.get("postingDate").asString()));
        assertThat(PayingAFeeIT.documentsInSapWithReference(eventId))
                .as("the fee is in SAP once")
                .hasSize(1);
        await("no posting is still on its way to SAP")
                .atMost(Duration.ofSeconds(60))
                .until(() -> postings("pending").isEmpty());
        Expected expected = expectedFor(month);
        assertThat(expected.checked()).as("this test's fee is among them").isPositive();

        Platform.Command reconcile = platform.command("sap", "reconcile", month.toString());

        assertThat(reconcile.output().lines().limit(2))
                .as(reconcile.output())
                .hasSize(2)
                .first()
                .isEqualTo("period      checked mismatches");
        assertThat(reconcile.output().lines().skip(1).findFirst().orElseThrow())
                .as("the month, every posted entry of it checked, exactly those amiss")
                .matches(month + " +" + expected.checked() + " +" + expected.mismatches());
        assertThat(reconcile.exit())
                .as("0 clean (a fresh platform), 1 with mismatches: " + reconcile.output())
                .isEqualTo(expected.mismatches() == 0 ? 0 : 1);
    }

    /** What reconciliation of a month must find: its posted entries, and those not in SAP once. */
    record Expected(int checked, int mismatches) {}

    private Expected expectedFor(YearMonth month) throws Exception {
        JsonNode posted = postings("posted");
        assertThat(posted.size())
                .as("every posted posting is listed (the API's page is 500; mvn clean resets it)")
                .isLessThan(500);
        int checked = 0;
        int mismatches = 0;
        for (JsonNode posting : posted) {
            if (!YearMonth.from(LocalDate.parse(posting.get("postingDate").asString()))
                    .equals(month)) {
                continue;
            }
            assertThat(posting.get("documentKind").asString())
                    .as("no end-to-end test commissions a care package (a purchase order)")
                    .isEqualTo("journal-entry");
            checked++;
            List<JsonNode> documents =
                    PayingAFeeIT.documentsInSapWithReference(
                            posting.get("sourceEventId").asString());
            if (documents.size() != 1
                    || new BigDecimal(documents.get(0).get("amount").asString())
                                    .movePointRight(2)
                                    .longValueExact()
                            != posting.get("amountPence").asLong()) {
                mismatches++;
            }
        }
        return new Expected(checked, mismatches);
    }

    private JsonNode postings(String state) throws Exception {
        HttpResponse<String> listed =
                platform.get("/api/sap/postings?state=" + state + "&limit=500", "admin-judy");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return Platform.JSON.readTree(listed.body());
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
