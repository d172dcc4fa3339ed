package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * published as {@code fee-paid} on cases.events.
 */
class PayingAFeeIT {

    static final String CITIZEN = "citizen-alice";

    /** The Blue Badge fee in the seeded catalogue: £10. */
    static final long BLUE_BADGE_FEE = 1000;

    static final String FEE_PAID = "uk.gov.hertfordshire.case.fee-paid.v1";

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
        // The SAP half of this journey (the posting in the simulator's ledger, referenced by this
        // event's ce_id, and /api/sap/postings) follows from here once sap-adapter posts it.
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
        return new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
    }

    private Map<String, String> asAlice(Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + platform.token(CITIZEN));
        return all;
    }
}
