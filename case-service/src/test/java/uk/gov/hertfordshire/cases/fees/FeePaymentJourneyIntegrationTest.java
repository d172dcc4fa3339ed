package uk.gov.hertfordshire.cases.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.cases.CaseApi;
import uk.gov.hertfordshire.platform.govukpay.GovUkPayStandIn;
import uk.gov.hertfordshire.platform.govukpay.PayingUser;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * The whole fee journey against the GOV.UK Pay stand-in: case-service creates the payment, the
 * citizen pays on the card page with one of GOV.UK Pay's mock cards, comes back, and the payment is
 * confirmed and recorded once.
 */
@PlatformIntegrationTest
class FeePaymentJourneyIntegrationTest {

    static final GovUkPayStandIn PAY = GovUkPayStandIns.start();
    static final TestIssuer idp = TestIssuer.shared();
    static final TestIssuer.TokenBuilder ALICE = idp.citizen("alice");
    static final TestIssuer.TokenBuilder BOB = idp.citizen("bob");
    static final TestIssuer.TokenBuilder OFFICER = idp.staff("officer-dan", "OFFICER");

    /** The Blue Badge fee in the seeded catalogue (V3): £10. */
    static final long BLUE_BADGE_FEE = 1000;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private CaseApi api;

    @DynamicPropertySource
    static void payments(DynamicPropertyRegistry properties) {
        GovUkPayStandIns.configure(properties, PAY);
    }

    @AfterAll
    static void stop() {
        PAY.close();
    }

    @BeforeEach
    void connect() {
        api = new CaseApi(port);
        PAY.failing(false);
    }

    @Test
    void aCitizenPaysTheFeeOnTheCardPageAndItIsRecordedAndPublishedOnce() throws Exception {
        UUID badge = blueBadge();

        HttpResponse<String> started = start(badge, ALICE);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode payment = CaseApi.json(started);
        assertThat(payment.get("amountPence").asLong()).isEqualTo(BLUE_BADGE_FEE);
        assertThat(payment.get("nextUrl").asString()).startsWith(PAY.baseUrl() + "/secure/");

        PayingUser.Journey journey =
                new PayingUser().pay(payment.get("nextUrl").asString(), "4444333322221111");
        assertThat(journey.returnedTo())
                .isEqualTo("https://www.hertfordshire.gov.uk/apply/" + badge + "/paid");

        String paymentId = payment.get("paymentId").asString();
        assertThat(confirm(badge, paymentId).statusCode()).isEqualTo(201);
        assertThat(confirm(badge, paymentId).statusCode()).isEqualTo(200);
        JsonNode fee = CaseApi.json(api.get("/api/cases/" + badge + "/fee-payment", ALICE));
        assertThat(fee.get("paid").asBoolean()).isTrue();
        assertThat(fee.get("feePence").asLong()).isEqualTo(BLUE_BADGE_FEE);
        assertThat(fee.at("/payment/paymentId").asString()).isEqualTo(paymentId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> CaseApi.eventTypesFor(badge).size() >= 2);
        assertThat(CaseApi.eventTypesFor(badge))
                .containsExactly(
                        "uk.gov.hertfordshire.case.submitted.v1",
                        "uk.gov.hertfordshire.case.fee-paid.v1");
        String event =
                new String(
                        CaseApi.eventsFor(badge.toString()).get(1).value(), StandardCharsets.UTF_8);
        assertThat(event).contains("\"amountPence\":1000", paymentId);
        assertThat(paymentsStored(badge)).isEqualTo(1);
    }

    @Test
    void aDeclinedCardLeavesTheFeeUnpaidAndANewPaymentCanThenSucceed() throws Exception {
        UUID badge = blueBadge();
        JsonNode declined = CaseApi.json(start(badge, ALICE));

        PayingUser.Journey journey =
                new PayingUser().pay(declined.get("nextUrl").asString(), "4000000000000002");

        assertThat(journey.page()).contains("declined");
        HttpResponse<String> refused = confirm(badge, declined.get("paymentId").asString());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("'failed'");
        assertThat(
                        CaseApi.json(api.get("/api/cases/" + badge + "/fee-payment", ALICE))
                                .get("paid")
                                .asBoolean())
                .isFalse();

        JsonNode retry = CaseApi.json(start(badge, ALICE));
        assertThat(retry.get("paymentId").asString())
                .isNotEqualTo(declined.get("paymentId").asString());
        new PayingUser().pay(retry.get("nextUrl").asString(), "5105105105105100");
        assertThat(confirm(badge, retry.get("paymentId").asString()).statusCode()).isEqualTo(201);
    }

    @Test
    void noPaymentStartsForAFreeServiceAPaidFeeOrAnotherCitizensCase() throws Exception {
        UUID pothole = api.submit(ALICE, "pothole", "web", 51.75, -0.34);
        UUID badge = blueBadge();

        HttpResponse<String> free = start(pothole, ALICE);
        HttpResponse<String> notTheirs = start(badge, BOB);
        HttpResponse<String> theirs = start(badge, ALICE);

        assertThat(free.statusCode()).isEqualTo(409);
        assertThat(free.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(free.body()).contains("no fee");
        assertThat(notTheirs.statusCode()).isEqualTo(404);
        assertThat(theirs.statusCode()).isEqualTo(201);

        JsonNode payment = CaseApi.json(theirs);
        new PayingUser().pay(payment.get("nextUrl").asString(), "4242424242424242");
        assertThat(confirm(badge, payment.get("paymentId").asString()).statusCode()).isEqualTo(201);
        HttpResponse<String> again = start(badge, ALICE);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already been paid");
    }

    @Test
    void aRejectedApplicationTakesNoFeeBesideAnOpenOne() {
        UUID rejected = blueBadge();
        UUID open = blueBadge();
        HttpResponse<String> rejecting =
                api.post(
                        "/api/cases/" + rejected + "/reject",
                        OFFICER,
                        "{\"publicNote\":\"You already hold a valid badge.\"}");
        assertThat(rejecting.statusCode()).as(rejecting.body()).isEqualTo(200);

        HttpResponse<String> refused = start(rejected, ALICE);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("The case is rejected");
        assertThat(start(open, ALICE).statusCode()).isEqualTo(201);
    }

    @Test
    void whenGovUkPayIsDownStartingAnswers503AndThenWorks() {
        UUID badge = blueBadge();
        PAY.failing(true);

        HttpResponse<String> down = start(badge, ALICE);

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("nothing was taken").doesNotContain("Exception");
        PAY.failing(false);
        assertThat(start(badge, ALICE).statusCode()).isEqualTo(201);
    }

    private UUID blueBadge() {
        HttpResponse<String> created =
                api.post(
                        "/api/cases",
                        ALICE,
                        "{\"serviceCode\":\"blue-badge\",\"channel\":\"web\",\"attributes\":"
                                + CaseApi.answersTo("blue-badge")
                                + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(CaseApi.json(created).get("id").asString());
    }

    private HttpResponse<String> start(UUID caseId, TestIssuer.TokenBuilder who) {
        return api.post("/api/cases/" + caseId + "/fee-payment/start", who, null);
    }

    private HttpResponse<String> confirm(UUID caseId, String paymentId) {
        return api.post(
                "/api/cases/" + caseId + "/fee-payment",
                ALICE,
                "{\"paymentId\":\"" + paymentId + "\"}");
    }

    private long paymentsStored(UUID caseId) {
        return jdbc.sql("SELECT count(*) FROM case_fee_payment WHERE case_id = :id")
                .param("id", caseId)
                .query(Long.class)
                .single();
    }
}
