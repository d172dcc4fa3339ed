package uk.gov.hertfordshire.sap.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRejected;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;
import uk.gov.hertfordshire.sap.SapIntegrationTest;
import uk.gov.hertfordshire.sapsimulator.GeneralLedger;

/**
 * A posting SAP refuses is recorded with SAP's message and published, then corrected and
 * re-submitted by an administrator on {@code /api/sap/postings}.
 */
class ResubmissionIntegrationTest extends SapIntegrationTest {

    static final String REFUSAL = "Cost center HCC1/CC4107 is blocked for posting";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired PostingWorker worker;
    @Autowired MeterRegistry meters;
    @LocalServerPort int port;

    final HttpClient http = HttpClient.newHttpClient();
    final TestIssuer issuer = TestIssuer.shared();
    UUID eventId;
    UUID postingId;
    double costCentreRefusalsBefore;

    @BeforeEach
    void aRejectedPosting() {
        worker.postDue(); // settle what earlier tests left, so the refusal is this posting's
        costCentreRefusalsBefore = refusals("invalid-cost-centre");
        SAP.faults().rejectNext(1, REFUSAL);
        eventId = UUID.randomUUID();
        send(Map.of(eventId, blueBadgeFee(1_000, Instant.parse("2026-08-03T09:00:00Z"))));
        await().atMost(Duration.ofSeconds(30))
                // Until the adapter has consumed the event there is no posting row to read.
                .ignoreException(org.springframework.dao.EmptyResultDataAccessException.class)
                .untilAsserted(
                        () -> {
                            worker.postDue();
                            assertThat(column("state")).isEqualTo("rejected");
                        });
        postingId = UUID.fromString(column("id"));
    }

    @Test
    void aRejectionIsRecordedWithSapsMessageAndPublished() throws Exception {
        assertThat(column("sap_message")).isEqualTo(REFUSAL);
        assertThat(SAP.ledger().withItemText(eventId.toString())).isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                published(Topics.SAP_FINANCE).stream()
                                                        .filter(
                                                                e ->
                                                                        e.type()
                                                                                .equals(
                                                                                        FinancePostingRejected
                                                                                                .TYPE
                                                                                                .type()))
                                                        .map(
                                                                e ->
                                                                        new EventSerializer()
                                                                                .fromJson(
                                                                                        e.data(),
                                                                                        FinancePostingRejected
                                                                                                .class))
                                                        .filter(
                                                                r ->
                                                                        r.postingId()
                                                                                .equals(
                                                                                        postingId
                                                                                                .toString())))
                                        .singleElement()
                                        .satisfies(
                                                r -> {
                                                    assertThat(r.sapMessage()).isEqualTo(REFUSAL);
                                                    assertThat(r.sourceEventId())
                                                            .isEqualTo(eventId.toString());
                                                }));
        HttpResponse<String> listed = get("/api/sap/postings?state=rejected", admin());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(postingId.toString(), REFUSAL);
        assertThat(refusals("invalid-cost-centre") - costCentreRefusalsBefore)
                .as("sap_postings_rejected_postings_total{reason=invalid-cost-centre}")
                .isEqualTo(1.0);
        assertThat(refusals("closed-period")).as("registered before any refusal").isZero();
    }

    private double refusals(String reason) {
        return meters.get("sap.postings.rejected").tag("reason", reason).counter().count();
    }

    @Test
    void aCorrectedPostingIsResubmittedAndPostedOnTheNewCostCentre() throws Exception {
        HttpResponse<String> read = get("/api/sap/postings/" + postingId, admin());
        String etag = read.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> resubmitted = resubmit(etag, "{\"costCentre\":\"CC4100\"}", admin());
        assertThat(resubmitted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(resubmitted.body()).path("state").asString()).isEqualTo("pending");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            worker.postDue();
                            assertThat(column("state")).isEqualTo("posted");
                        });
        GeneralLedger.Document document = SAP.ledger().withItemText(eventId.toString()).get(0);
        assertThat(document.items())
                .anySatisfy(item -> assertThat(item.costCenter()).isEqualTo("CC4100"));
        assertThat(document.items())
                .allSatisfy(item -> assertThat(item.amount().abs()).isEqualByComparingTo("10.00"));

        HttpResponse<String> again =
                resubmit(
                        get("/api/sap/postings/" + postingId, admin())
                                .headers()
                                .firstValue("ETag")
                                .orElseThrow(),
                        "{}",
                        admin());
        assertThat(again.statusCode()).as("a posted entry cannot be re-submitted").isEqualTo(409);
    }

    @Test
    void aResubmissionNeedsTheCurrentVersionInIfMatch() throws Exception {
        String etag =
                get("/api/sap/postings/" + postingId, admin())
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow();

        assertThat(resubmit(null, "{\"costCentre\":\"CC4100\"}", admin()).statusCode())
                .isEqualTo(428);
        assertThat(resubmit("\"999\"", "{\"costCentre\":\"CC4100\"}", admin()).statusCode())
                .isEqualTo(412);
        assertThat(column("state")).isEqualTo("rejected");
        assertThat(resubmit(etag, "{\"costCentre\":\"CC4100\"}", admin()).statusCode())
                .as("positive control: the current version")
                .isEqualTo(202);
    }

    @Test
    void theAmountCannotBeChangedAndBadAccountsAreRefused() throws Exception {
        String etag =
                get("/api/sap/postings/" + postingId, admin())
                        .headers()
                        .firstValue("ETag")
                        .orElseThrow();

        HttpResponse<String> amount = resubmit(etag, "{\"amountPence\":1}", admin());
        assertThat(amount.statusCode()).isEqualTo(400);
        assertThat(amount.body()).contains("amountPence");
        HttpResponse<String> badCentre = resubmit(etag, "{\"costCentre\":\"cc 41\"}", admin());
        assertThat(badCentre.statusCode()).isEqualTo(400);
        assertThat(badCentre.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(badCentre.body()).contains("costCentre").doesNotContain("Exception");
        assertThat(column("state")).isEqualTo("rejected");
        assertThat(column("amount_pence")).isEqualTo("1000");
    }

    @Test
    void onlyAnAdministratorSeesThePostings() throws Exception {
        assertThat(
                        get("/api/sap/postings", issuer.staff("dan", "OFFICER").staffId("00010002"))
                                .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/sap/postings", admin()).statusCode()).isEqualTo(200);
        assertThat(get("/api/sap/postings", null).statusCode()).isEqualTo(401);
    }

    private TestIssuer.TokenBuilder admin() {
        return issuer.staff("judy", "ADMIN").staffId("00010008");
    }

    private String column(String name) {
        return posting(eventId, name);
    }

    private HttpResponse<String> get(String path, TestIssuer.TokenBuilder caller) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (caller != null) {
            request.header("Authorization", caller.bearer());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> resubmit(
            String ifMatch, String body, TestIssuer.TokenBuilder caller) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + port
                                                + "/api/sap/postings/"
                                                + postingId
                                                + "/resubmission"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", caller.bearer())
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
