package uk.gov.hertfordshire.platform.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.govukpay.PayingUser;

/**
 * citizen-alice's Blue Badge application and its £10 fee, through the gateway and the GOV.UK Pay
 * stand-in's card page, every step as a browser and the citizen's app send it. Paying with one card
 * or another goes through exactly the same requests; only the card number differs.
 */
final class BlueBadgeFee {

    static final String CITIZEN = "citizen-alice";

    /** The Blue Badge fee in the seeded catalogue: £10. */
    static final long FEE = 1000;

    /** GOV.UK Pay's mock Visa, authorised. */
    static final String AUTHORISED_CARD = "4444333322221111";

    /** GOV.UK Pay's mock card that is declined. */
    static final String DECLINED_CARD = "4000000000000002";

    private final Platform platform;

    BlueBadgeFee(Platform platform) {
        this.platform = platform;
    }

    /**
     * What happened to one attempt to pay.
     *
     * @param caseId the Blue Badge case
     * @param paymentId the payment case-service created
     * @param journey where the card pages left the browser
     * @param confirmation case-service's answer when the app asks it to confirm the payment
     */
    record Attempt(
            String caseId,
            String paymentId,
            PayingUser.Journey journey,
            HttpResponse<String> confirmation) {}

    /** Applies for a Blue Badge and returns the case id. */
    String apply() throws Exception {
        HttpResponse<String> applied =
                platform.post(
                        "/api/cases",
                        "{\"serviceCode\":\"blue-badge\",\"channel\":\"web\",\"attributes\":"
                                + "{\"applicant_type\":\"self\",\"application_kind\":\"new\"}}",
                        asAlice(Map.of("Idempotency-Key", UUID.randomUUID().toString())));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        return Platform.JSON.readTree(applied.body()).get("id").asString();
    }

    /**
     * Starts the fee's payment (asserting case-service created it for the fee), pays on the card
     * page with the card number, and asks case-service to confirm it.
     */
    Attempt payWith(String caseId, String cardNumber) throws Exception {
        HttpResponse<String> started =
                platform.post(
                        "/api/cases/" + caseId + "/fee-payment/start",
                        "{}",
                        asAlice(Map.of("Idempotency-Key", UUID.randomUUID().toString())));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode payment = Platform.JSON.readTree(started.body());
        assertThat(payment.get("amountPence").asLong()).isEqualTo(FEE);
        String paymentId = payment.get("paymentId").asString();

        PayingUser.Journey journey =
                new PayingUser().pay(payment.get("nextUrl").asString(), cardNumber);

        HttpResponse<String> confirmation =
                platform.post(
                        "/api/cases/" + caseId + "/fee-payment",
                        "{\"paymentId\":\"" + paymentId + "\"}",
                        asAlice(Map.of()));
        return new Attempt(caseId, paymentId, journey, confirmation);
    }

    /** The case's fee as citizen-alice reads it. */
    JsonNode fee(String caseId) throws Exception {
        HttpResponse<String> fee = platform.get("/api/cases/" + caseId + "/fee-payment", CITIZEN);
        assertThat(fee.statusCode()).as(fee.body()).isEqualTo(200);
        return Platform.JSON.readTree(fee.body());
    }

    private Map<String, String> asAlice(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Authorization", "Bearer " + platform.token(CITIZEN));
        return all;
    }
}
