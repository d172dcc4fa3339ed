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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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

    /** The Blue Badge fee in the seeded catalogue: £10. */
    static final long BLUE_BADGE_FEE = BlueBadgeFee.FEE;

    static final String FEE_PAID = "uk.gov.hertfordshire.case.fee-paid.v1";

    /** The local platform's SAP (deploy/sap-simulator); its admin API shows its own ledger. */
    static final String SAP_SIMULATOR = "http://127.0.0.1:8090";

    private final Platform platform = new Platform();
    private final BlueBadgeFee blueBadge = new BlueBadgeFee(platform);

    @Test
    void citizenAliceAppliesForABlueBadgeAndPaysItsFeeOnTheCardPage() throws Exception {
        String caseId = blueBadge.apply();

        BlueBadgeFee.Attempt paid = blueBadge.payWith(caseId, BlueBadgeFee.AUTHORISED_CARD);

        assertThat(paid.journey().returnedTo())
                .isEqualTo("http://127.0.0.1:8080/api/cases/" + caseId + "/fee-payment");
        assertThat(paid.confirmation().statusCode()).as(paid.confirmation().body()).isEqualTo(201);
        JsonNode fee = blueBadge.fee(caseId);
        assertThat(fee.get("paid").asBoolean()).isTrue();
        assertThat(fee.at("/payment/amountPence").asLong()).isEqualTo(BLUE_BADGE_FEE);

        ConsumerRecord<String, byte[]> feePaid = feePaidEventFor(caseId);
        assertThat(new String(feePaid.value(), StandardCharsets.UTF_8))
                .contains(
                        "\"amountPence\":1000",
                        "\"paymentReference\":\"" + paid.paymentId() + "\"");

        // The SAP half: sap-adapter posts the fee to the simulator, referenced by the event's id.
        String eventId = header(feePaid, "ce_id");
        JsonNode posting = postedOnTheOperationsApi(platform, eventId);
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

    /**
     * The test above with the declined card: the same application, the same start of the payment
     * (with its Idempotency-Key, answered 201 for the fee), the same card page and the same
     * confirmation request. Only the card number differs, and the fee stays unpaid.
     */
    @Test
    void aDeclinedCardLeavesTheBlueBadgeFeeUnpaid() throws Exception {
        String caseId = blueBadge.apply();

        BlueBadgeFee.Attempt declined = blueBadge.payWith(caseId, BlueBadgeFee.DECLINED_CARD);

        assertThat(declined.journey().returnedTo()).isNull();
        assertThat(declined.journey().page()).contains("Your payment has been declined");
        assertThat(declined.confirmation().statusCode())
                .as(declined.confirmation().body())
                .isEqualTo(409);
        JsonNode fee = blueBadge.fee(caseId);
        assertThat(fee.get("paid").asBoolean()).isFalse();
    }

    /** The case's fee-paid event on cases.events, once case-service's outbox has sent it. */
    static ConsumerRecord<String, byte[]> feePaidEventFor(String caseId) {
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

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * The fee's posting as an administrator sees it on {@code /api/sap/postings} through the
     * gateway, once sap-adapter has posted it.
     */
    static JsonNode postedOnTheOperationsApi(Platform platform, String eventId) {
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
    static List<JsonNode> documentsInSapWithReference(String reference) throws Exception {
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
}
