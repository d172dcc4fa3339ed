package uk.gov.hertfordshire.platform.govukpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stand-in against GOV.UK Pay's documented behaviour: the API's shapes and error codes, and the
 * mock card numbers' outcomes through the card pages.
 */
class GovUkPayStandInTest {

    static final String RETURN_URL = "https://www.hertfordshire.gov.uk/blue-badge/paid";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static GovUkPayStandIn pay;

    @BeforeAll
    static void start() throws IOException {
        pay = GovUkPayStandIn.startOnFreePort();
    }

    @AfterAll
    static void stop() {
        pay.close();
    }

    @Test
    void aCreatedPaymentHasGovUkPaysShapeAndANextUrl() throws Exception {
        HttpResponse<String> created =
                create(blueBadge("case-1"), GovUkPayStandIn.DEFAULT_API_KEY, null);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode payment = JSON.readTree(created.body());
        String id = payment.get("payment_id").asString();
        assertThat(id).matches("[a-z0-9]{26}");
        assertThat(payment.get("amount").asLong()).isEqualTo(1000);
        assertThat(payment.get("reference").asString()).isEqualTo("case-1");
        assertThat(payment.get("return_url").asString()).isEqualTo(RETURN_URL);
        assertThat(payment.at("/state/status").asString()).isEqualTo("created");
        assertThat(payment.at("/state/finished").asBoolean()).isFalse();
        assertThat(payment.at("/_links/next_url/href").asString())
                .startsWith(pay.baseUrl() + "/secure/");
        assertThat(payment.at("/_links/self/href").asString())
                .isEqualTo(pay.baseUrl() + "/v1/payments/" + id);
        assertThat(created.headers().firstValue("Location"))
                .contains(pay.baseUrl() + "/v1/payments/" + id);
        assertThat(get(id).statusCode()).isEqualTo(200);
    }

    @Test
    void aSucceedingMockCardIsConfirmedAndTheUserReturnsToTheService() throws Exception {
        JsonNode payment =
                JSON.readTree(
                        create(blueBadge("case-2"), GovUkPayStandIn.DEFAULT_API_KEY, null).body());

        PayingUser.Journey journey = new PayingUser().pay(nextUrl(payment), "4444333322221111");

        assertThat(journey.returnedTo()).isEqualTo(RETURN_URL);
        JsonNode paid = JSON.readTree(get(payment.get("payment_id").asString()).body());
        assertThat(paid.at("/state/status").asString()).isEqualTo("success");
        assertThat(paid.at("/state/finished").asBoolean()).isTrue();
        assertThat(paid.at("/card_details/last_digits_card_number").asString()).isEqualTo("1111");
        assertThat(paid.at("/card_details/card_brand").asString()).isEqualTo("Visa");
        assertThat(paid.at("/_links/next_url").isMissingNode()).isTrue();
        assertThat(paid.toString()).doesNotContain("4444333322221111");
    }

    @ParameterizedTest(name = "{0} is declined")
    @ValueSource(strings = {"4000000000000002", "4000000000000069", "4000000000000127"})
    void theDecliningMockCardsFailThePaymentWithP0010(String card) throws Exception {
        JsonNode payment =
                JSON.readTree(
                        create(blueBadge("case-3"), GovUkPayStandIn.DEFAULT_API_KEY, null).body());

        PayingUser.Journey journey = new PayingUser().pay(nextUrl(payment), card);

        assertThat(journey.returnedTo()).isNull();
        assertThat(journey.page()).contains("Your payment has been declined", RETURN_URL);
        JsonNode failed = JSON.readTree(get(payment.get("payment_id").asString()).body());
        assertThat(failed.at("/state/status").asString()).isEqualTo("failed");
        assertThat(failed.at("/state/code").asString()).isEqualTo("P0010");
    }

    @Test
    void theGeneralErrorMockCardEndsInErrorWithP0050() throws Exception {
        JsonNode payment =
                JSON.readTree(
                        create(blueBadge("case-4"), GovUkPayStandIn.DEFAULT_API_KEY, null).body());

        PayingUser.Journey journey = new PayingUser().pay(nextUrl(payment), "4000000000000119");

        assertThat(journey.page()).contains("technical problems");
        JsonNode failed = JSON.readTree(get(payment.get("payment_id").asString()).body());
        assertThat(failed.at("/state/status").asString()).isEqualTo("error");
        assertThat(failed.at("/state/code").asString()).isEqualTo("P0050");
    }

    @Test
    void maestroAndCardsThatAreNotTestCardsAreRefusedOnTheFormAndThePaymentStaysStarted()
            throws Exception {
        JsonNode maestro =
                JSON.readTree(
                        create(blueBadge("case-5"), GovUkPayStandIn.DEFAULT_API_KEY, null).body());
        JsonNode unknown =
                JSON.readTree(
                        create(blueBadge("case-6"), GovUkPayStandIn.DEFAULT_API_KEY, null).body());

        PayingUser.Journey refused = new PayingUser().pay(nextUrl(maestro), "6759649826438453");
        PayingUser.Journey notTest = new PayingUser().pay(nextUrl(unknown), "4111111111111111");

        assertThat(refused.page()).contains("There is a problem", "Maestro is not supported");
        assertThat(notTest.page()).contains("mock card numbers");
        assertThat(
                        JSON.readTree(get(maestro.get("payment_id").asString()).body())
                                .at("/state/status")
                                .asString())
                .isEqualTo("started");
    }

    @Test
    void aNextUrlOpensItsPaymentOnceAndTheCardPageNeedsThatSession() throws Exception {
        JsonNode payment =
                JSON.readTree(
                        create(blueBadge("case-7"), GovUkPayStandIn.DEFAULT_API_KEY, null).body());
        PayingUser first = new PayingUser();
        // Opened once by its user (positive control: this one succeeds)...
        assertThat(first.pay(nextUrl(payment), "4242424242424242").returnedTo())
                .isEqualTo(RETURN_URL);
        // ...then the same link, or the card page without the session, is no way in.
        assertThat(new PayingUser().pay(nextUrl(payment), "4242424242424242").page())
                .contains("already been used");
        HttpResponse<String> direct =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                pay.baseUrl()
                                                        + "/card_details/"
                                                        + payment.get("payment_id").asString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongOrMissingApiKeyIs401BesideTheRightOne() throws Exception {
        assertThat(create(blueBadge("case-8"), "api_test_wrong", null).statusCode()).isEqualTo(401);
        assertThat(create(blueBadge("case-8"), null, null).statusCode()).isEqualTo(401);
        assertThat(create(blueBadge("case-8"), GovUkPayStandIn.DEFAULT_API_KEY, null).statusCode())
                .isEqualTo(201);
    }

    @Test
    void invalidRequestsAnswerGovUkPaysErrorCodesNamingTheField() throws Exception {
        HttpResponse<String> missing =
                create(
                        "{\"reference\":\"r\",\"description\":\"d\",\"return_url\":\""
                                + RETURN_URL
                                + "\"}",
                        GovUkPayStandIn.DEFAULT_API_KEY,
                        null);
        HttpResponse<String> tooMuch =
                create(payment(10_000_001, "r"), GovUkPayStandIn.DEFAULT_API_KEY, null);
        HttpResponse<String> notJson = create("{amount", GovUkPayStandIn.DEFAULT_API_KEY, null);
        HttpResponse<String> badUrl =
                create(
                        payment(1000, "r").replace(RETURN_URL, "javascript:alert(1)"),
                        GovUkPayStandIn.DEFAULT_API_KEY,
                        null);

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(missing.body()).get("code").asString()).isEqualTo("P0101");
        assertThat(JSON.readTree(missing.body()).get("field").asString()).isEqualTo("amount");
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(tooMuch.body()).get("code").asString()).isEqualTo("P0102");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notJson.body()).get("code").asString()).isEqualTo("P0197");
        assertThat(badUrl.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(badUrl.body()).get("field").asString()).isEqualTo("return_url");
        // The largest amount GOV.UK Pay takes (£100,000) is accepted.
        assertThat(
                        create(payment(10_000_000, "r"), GovUkPayStandIn.DEFAULT_API_KEY, null)
                                .statusCode())
                .isEqualTo(201);
    }

    @Test
    void anIdempotencyKeyAnswersTheSamePaymentForTheSameRequestAndP0191ForAnother()
            throws Exception {
        HttpResponse<String> first =
                create(blueBadge("case-9"), GovUkPayStandIn.DEFAULT_API_KEY, "key-9");
        HttpResponse<String> again =
                create(blueBadge("case-9"), GovUkPayStandIn.DEFAULT_API_KEY, "key-9");
        HttpResponse<String> other =
                create(blueBadge("case-10"), GovUkPayStandIn.DEFAULT_API_KEY, "key-9");
        HttpResponse<String> unkeyed =
                create(blueBadge("case-9"), GovUkPayStandIn.DEFAULT_API_KEY, null);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        String id = JSON.readTree(first.body()).get("payment_id").asString();
        assertThat(JSON.readTree(again.body()).get("payment_id").asString()).isEqualTo(id);
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(other.body()).get("code").asString()).isEqualTo("P0191");
        assertThat(JSON.readTree(unkeyed.body()).get("payment_id").asString()).isNotEqualTo(id);
    }

    @Test
    void anUnknownPaymentIsP0200AndAFailingProviderP0298() throws Exception {
        JsonNode payment =
                JSON.readTree(
                        create(blueBadge("case-11"), GovUkPayStandIn.DEFAULT_API_KEY, null).body());
        String id = payment.get("payment_id").asString();

        HttpResponse<String> unknown = get("abcdefghijklmnopqrstuvwxyz");
        pay.failing(true);
        HttpResponse<String> down;
        try {
            down = get(id);
        } finally {
            pay.failing(false);
        }

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("code").asString()).isEqualTo("P0200");
        assertThat(down.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(down.body()).get("code").asString()).isEqualTo("P0298");
        assertThat(get(id).statusCode()).isEqualTo(200);
    }

    @Test
    void theLocalPlatformsHealthAndMetricsPathsAnswer() throws Exception {
        JsonNode payment =
                JSON.readTree(
                        create(blueBadge("case-12"), GovUkPayStandIn.DEFAULT_API_KEY, null).body());
        new PayingUser().pay(nextUrl(payment), "4444333322221111");

        HttpResponse<String> health = plainGet("/actuator/health");
        HttpResponse<String> metrics = plainGet("/actuator/prometheus");

        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(metrics.body())
                .contains("# TYPE govuk_pay_stand_in_payments gauge")
                .containsPattern("govuk_pay_stand_in_payments\\{status=\"success\"} [1-9]");
    }

    private static HttpResponse<String> plainGet(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(pay.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String blueBadge(String reference) {
        return payment(1000, reference);
    }

    private static String payment(long amount, String reference) {
        return """
                {"amount":%d,"reference":"%s","description":"Blue Badge","return_url":"%s"}"""
                .formatted(amount, reference, RETURN_URL);
    }

    private static String nextUrl(JsonNode payment) {
        return payment.at("/_links/next_url/href").asString();
    }

    private static HttpResponse<String> create(String body, String apiKey, String idempotencyKey)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(pay.baseUrl() + "/v1/payments"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String paymentId) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(pay.baseUrl() + "/v1/payments/" + paymentId))
                        .header("Authorization", "Bearer " + GovUkPayStandIn.DEFAULT_API_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
