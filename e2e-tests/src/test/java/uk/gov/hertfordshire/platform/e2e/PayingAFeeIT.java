package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.govukpay.PayingUser;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;

/**
 * citizen-alice applies for a Blue Badge through the gateway and pays its £10 fee at the GOV.UK Pay
 * stand-in (port 8091) as a browser would: case-service creates the payment, she completes the card
 * page with GOV.UK Pay's mock Visa, is sent back, and the payment is confirmed, recorded and
 * published as {@code fee-paid} on cases.events; sap-adapter posts it to the SAP simulator once,
 * referenced by the event's id, and shows it posted with SAP's document on {@code
 * /api/sap/postings}.
 */
class PayingAFeeIT {

    static final String CITIZEN = "citizen-alice";

    /** The Blue Badge fee in the seeded catalogue: £10. */
    static final long BLUE_BADGE_FEE = 1000;

    static final String FEE_PAID = "uk.gov.hertfordshire.case.fee-paid.v1";

    /** The local platform's SAP (deploy/sap-simulator); its admin API shows its own ledger. */
    static final String SAP_SIMULATOR = "http://127.0.0.1:8090";

    private final Platform platform = new Platform();

    @Test
    void citizenAliceAppliesForABlueBadgeAndPaysItsFeeOnTheCardPage() throws Exception {
        String caseId = applyForABlueBadge();

        HttpResponse<String> started =
                platform.post(
                        "/api/cases/" + caseId + "/fee-payment/start",
                        "{}",
                        asAlice(Map.of("Idempotency-Key", UUID.randomUUID().toString())));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode payment = Platform.JSON.readTree(started.body());
        assertThat(payment.get("amountPence").asLong()).isEqualTo(BLUE_BADGE_FEE);
        String paymentId = payment.get("paymentId").asString();

        PayingUser.Journey journey =
                new PayingUser().pay(payment.get("nextUrl").asString(), "4444333322221111");
        assertThat(journey.returnedTo())
                .isEqualTo("http://127.0.0.1:8080/api/cases/" + caseId + "/fee-payment");

        HttpResponse<String> confirmed =
                platform.post(
                        "/api/cases/" + caseId + "/fee-payment",
                        "{\"paymentId\":\"" + paymentId + "\"}",
                        asAlice(Map.of()));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);
        JsonNode fee =
                Platform.JSON.readTree(
                        platform.get("/api/cases/" + caseId + "/fee-payment", CITIZEN).body());
        assertThat(fee.get("paid").asBoolean()).isTrue();
        assertThat(fee.at("/payment/amountPence").asLong()).isEqualTo(BLUE_BADGE_FEE);

        ConsumerRecord<String, byte[]> feePaid = feePaidEventFor(caseId);
        assertThat(new String(feePaid.value(), StandardCharsets.UTF_8))
                .contains("\"amountPence\":1000", "\"paymentReference\":\"" + paymentId + "\"");

        // The SAP half: sap-adapter posts the fee to the simulator, referenced by the event's id.
        String eventId = header(feePaid, "ce_id");
        JsonNode posting = postedOnTheOperationsApi(eventId);
        assertThat(posting.get("amountPence").asLong()).isEqualTo(BLUE_BADGE_FEE);
        assertThat(posting.get("subject").asString()).isEqualTo(caseId);
        List<JsonNode> documents = documentsInSapWithReference(eventId);
        assertThat(documents)
                .as("one SAP document for the fee, referenced by the event id")
                .hasSize(1);
        assertThat(posting.get("sapDocument").asString())
                .isEqualTo(documents.get(0).get("accountingDocument").asString());
        assertThat(documents.get(0).get("amount").asString()).isEqualTo("10.00");
    }

    @Test
    void aDeclinedCardLeavesTheBlueBadgeFeeUnpaid() throws Exception {
        String caseId = applyForABlueBadge();
        JsonNode payment =
                Platform.JSON.readTree(
                        platform.post(
                                        "/api/cases/" + caseId + "/fee-payment/start",
                                        "{}",
                                        asAlice(Map.of()))
                                .body());

        PayingUser.Journey journey =
                new PayingUser().pay(payment.get("nextUrl").asString(), "4000000000000002");

        assertThat(journey.page()).contains("Your payment has been declined");
        HttpResponse<String> refused =
                platform.post(
                        "/api/cases/" + caseId + "/fee-payment",
                        "{\"paymentId\":\"" + payment.get("paymentId").asString() + "\"}",
                        asAlice(Map.of()));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(
                        Platform.JSON
                                .readTree(
                                        platform.get(
                                                        "/api/cases/" + caseId + "/fee-payment",
                                                        CITIZEN)
                                                .body())
                                .get("paid")
                                .asBoolean())
                .isFalse();
    }

    private String applyForABlueBadge() throws Exception {
        HttpResponse<String> applied =
                platform.post(
                        "/api/cases",
                        "{\"serviceCode\":\"blue-badge\",\"channel\":\"web\",\"attributes\":"
                                + "{\"applicant_type\":\"self\",\"application_kind\":\"new\"}}",
                        asAlice(Map.of("Idempotency-Key", UUID.randomUUID().toString())));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        return Platform.JSON.readTree(applied.body()).get("id").asString();
    }

    /** The case's fee-paid event on cases.events, once case-service's outbox has sent it. */
    private static ConsumerRecord<String, byte[]> feePaidEventFor(String caseId) {
        return await("fee-paid on cases.events")
                .atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                KafkaTopicReader.readAll("127.0.0.1:9092", "cases.events").stream()
                                        .filter(record -> caseId.equals(record.key()))
                                        .filter(record -> FEE_PAID.equals(typeOf(record)))
                                        .findFirst()
                                        .orElse(null),
                        found -> found != null);
    }

    private static String typeOf(ConsumerRecord<String, byte[]> record) {
        return header(record, "ce_type");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * The fee's posting as an administrator sees it on {@code /api/sap/postings} through the
     * gateway, once sap-adapter has posted it.
     */
    private JsonNode postedOnTheOperationsApi(String eventId) {
        return await("the fee posted on /api/sap/postings")
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            HttpResponse<String> listed =
                                    platform.get("/api/sap/postings?state=posted", "admin-judy");
                            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
                            for (JsonNode posting : Platform.JSON.readTree(listed.body())) {
                                if (eventId.equals(posting.get("sourceEventId").asString())) {
                                    return posting;
                                }
                            }
                            return null;
                        },
                        found -> found != null);
    }

    /** The documents in the SAP simulator's own ledger whose items carry this reference. */
    private static List<JsonNode> documentsInSapWithReference(String reference) throws Exception {
        HttpResponse<String> ledger =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(SAP_SIMULATOR + "/admin/ledger"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(ledger.statusCode()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode document : Platform.JSON.readTree(ledger.body()).get("documents")) {
            if (reference.equals(document.get("reference").asString())) {
                found.add(document);
            }
        }
        return found;
    }

    private Map<String, String> asAlice(Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + platform.token(CITIZEN));
        return all;
    }
}
