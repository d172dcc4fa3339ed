package uk.gov.hertfordshire.cases.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.gov.hertfordshire.cases.CaseApi;
import uk.gov.hertfordshire.platform.govukpay.GovUkPayStandIn;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * A Blue Badge's £10 fee (1000p in the seeded catalogue), confirmed with the GOV.UK Pay stand-in
 * holding payments in each state.
 */
@PlatformIntegrationTest
class FeePaymentIntegrationTest {

    static final GovUkPayStandIn PAY = GovUkPayStandIns.start();
    static final TestIssuer idp = TestIssuer.shared();
    static final TestIssuer.TokenBuilder ALICE = idp.citizen("alice");
    static final TestIssuer.TokenBuilder BOB = idp.citizen("bob");
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
    void aConfirmedPaymentIsRecordedOncePublishedOnceAndARepeatChangesNothing() {
        UUID badge = blueBadge(ALICE);
        String paymentId = paymentId();
        PAY.holds(paymentId, BLUE_BADGE_FEE, "success", badge.toString());

        HttpResponse<String> first = pay(badge, ALICE, paymentId);
        HttpResponse<String> again = pay(badge, ALICE, paymentId);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(CaseApi.json(first).get("amountPence").asLong()).isEqualTo(1000);
        assertThat(again.statusCode()).isEqualTo(200);
        List<String> types =
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> CaseApi.eventTypesFor(badge), found -> found.size() >= 2);
        assertThat(types)
                .containsExactly(
                        "uk.gov.hertfordshire.case.submitted.v1",
                        "uk.gov.hertfordshire.case.fee-paid.v1");
        String event =
                new String(
                        CaseApi.eventsFor(badge.toString()).get(1).value(), StandardCharsets.UTF_8);
        assertThat(event)
                .contains("\"amountPence\":1000", "\"currency\":\"GBP\"", paymentId)
                .doesNotContain("citizen@example.org");

        String another = paymentId();
        PAY.holds(another, BLUE_BADGE_FEE, "success", badge.toString());
        assertThat(pay(badge, ALICE, another).statusCode()).isEqualTo(409);
        assertThat(paymentsStored(badge)).isEqualTo(1);
    }

    @Test
    void aPaymentThatIsNotPaidNotTheFeeOrNotForThisCaseIsRefusedAndNothingStored() {
        UUID badge = blueBadge(ALICE);
        UUID otherCase = blueBadge(ALICE);
        String failed = paymentId();
        String short1 = paymentId();
        String elsewhere = paymentId();
        PAY.holds(failed, BLUE_BADGE_FEE, "failed", badge.toString());
        PAY.holds(short1, BLUE_BADGE_FEE - 100, "success", badge.toString());
        PAY.holds(elsewhere, BLUE_BADGE_FEE, "success", otherCase.toString());

        HttpResponse<String> notPaid = pay(badge, ALICE, failed);
        HttpResponse<String> wrongAmount = pay(badge, ALICE, short1);
        HttpResponse<String> wrongCase = pay(badge, ALICE, elsewhere);
        HttpResponse<String> unknown = pay(badge, ALICE, paymentId());

        assertThat(notPaid.statusCode()).isEqualTo(409);
        assertThat(notPaid.body()).contains("'failed'");
        assertThat(wrongAmount.statusCode()).isEqualTo(400);
        assertThat(wrongAmount.body()).contains("900p but the fee is 1000p");
        assertThat(wrongCase.statusCode()).isEqualTo(400);
        assertThat(wrongCase.body()).contains("not made for this case");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(paymentsStored(badge)).isZero();

        String good = paymentId();
        PAY.holds(good, BLUE_BADGE_FEE, "success", badge.toString());
        assertThat(pay(badge, ALICE, good).statusCode()).isEqualTo(201);
    }

    @Test
    void aServiceWithoutAFeeTakesNoPaymentAndAnotherCitizensCaseIs404() {
        UUID pothole = api.submit(ALICE, "pothole", "web", 51.75, -0.34);
        UUID badge = blueBadge(ALICE);
        String paymentId = paymentId();
        PAY.holds(paymentId, BLUE_BADGE_FEE, "success", badge.toString());

        assertThat(pay(pothole, ALICE, paymentId).statusCode()).isEqualTo(409);
        assertThat(pay(badge, BOB, paymentId).statusCode()).isEqualTo(404);
        assertThat(pay(badge, ALICE, paymentId).statusCode()).isEqualTo(201);
    }

    @Test
    void whenTheProviderIsDownTheAnswerIs503AndNothingIsStored() {
        UUID badge = blueBadge(ALICE);
        String paymentId = paymentId();
        PAY.holds(paymentId, BLUE_BADGE_FEE, "success", badge.toString());
        PAY.failing(true);

        HttpResponse<String> down = pay(badge, ALICE, paymentId);

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("nothing was recorded").doesNotContain("Exception");
        assertThat(paymentsStored(badge)).isZero();
        PAY.failing(false);
        assertThat(pay(badge, ALICE, paymentId).statusCode()).isEqualTo(201);
    }

    /**
     * While GOV.UK Pay takes its time over a confirmation, no transaction of case-service's stays
     * open (each would hold a pooled connection): about ten slow confirmations would otherwise
     * stall the whole service. Once the provider answers, the payment is recorded as usual.
     */
    @Test
    void aSlowProviderHoldsNoTransactionOpenAndThePaymentIsThenRecorded() throws Exception {
        UUID badge = blueBadge(ALICE);
        String paymentId = paymentId();
        PAY.holds(paymentId, BLUE_BADGE_FEE, "success", badge.toString());
        CountDownLatch asked = PAY.holdAnswers();

        CompletableFuture<HttpResponse<String>> paying =
                CompletableFuture.supplyAsync(() -> pay(badge, ALICE, paymentId));
        try {
            assertThat(asked.await(10, TimeUnit.SECONDS)).as("the provider was asked").isTrue();
            Instant askedAt =
                    jdbc.sql("SELECT clock_timestamp()")
                            .query(Timestamp.class)
                            .single()
                            .toInstant();
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(
                            () ->
                                    assertThat(transactionsOpenSince(askedAt))
                                            .as("transactions begun before the provider was asked")
                                            .isZero());
        } finally {
            PAY.answerHeld();
        }

        HttpResponse<String> paid = paying.get(30, TimeUnit.SECONDS);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(paymentsStored(badge)).isEqualTo(1);
    }

    /** case-service's transactions that began before then and are waiting, not running SQL. */
    private long transactionsOpenSince(Instant then) {
        return jdbc.sql(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
                                + " AND xact_start < :then")
                .param("then", Timestamp.from(then))
                .query(Long.class)
                .single();
    }

    private UUID blueBadge(TestIssuer.TokenBuilder citizen) {
        HttpResponse<String> created =
                api.post(
                        "/api/cases",
                        citizen,
                        "{\"serviceCode\":\"blue-badge\",\"channel\":\"web\",\"attributes\":"
                                + CaseApi.answersTo("blue-badge")
                                + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(CaseApi.json(created).get("id").asString());
    }

    private HttpResponse<String> pay(UUID caseId, TestIssuer.TokenBuilder who, String paymentId) {
        return api.post(
                "/api/cases/" + caseId + "/fee-payment",
                who,
                "{\"paymentId\":\"" + paymentId + "\"}");
    }

    private long paymentsStored(UUID caseId) {
        return jdbc.sql("SELECT count(*) FROM case_fee_payment WHERE case_id = :id")
                .param("id", caseId)
                .query(Long.class)
                .single();
    }

    /** A GOV.UK Pay-style payment id: 26 lower-case letters and digits. */
    private static String paymentId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 26);
    }
}
