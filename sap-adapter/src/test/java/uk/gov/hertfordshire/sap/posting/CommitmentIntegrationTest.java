package uk.gov.hertfordshire.sap.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.gov.hertfordshire.platform.events.care.PackageCommissioned;
import uk.gov.hertfordshire.sap.SapIntegrationTest;
import uk.gov.hertfordshire.sapsimulator.Faults;
import uk.gov.hertfordshire.sapsimulator.PurchaseOrders;
import uk.gov.hertfordshire.sapsimulator.SapSimulator;

/**
 * Each commissioned care package reaches SAP as exactly one commitment (a purchase order through
 * {@code API_PURCHASEORDER_PROCESS_SRV}), against the SAP simulator, which holds the write to SAP
 * Gateway's CSRF rule.
 */
class CommitmentIntegrationTest extends SapIntegrationTest {

    static final String MAPPED_PROVIDER = "PROV-0042";
    static final Instant COMMISSIONED = Instant.parse("2026-10-01T09:00:00Z");
    static final String SERVICE = "/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV/";

    @Autowired PostingWorker worker;

    @Test
    void theSamePackageEventDeliveredTwiceMakesOneCommitment() {
        UUID eventId = UUID.randomUUID();
        // 5 to 25 October: 21 days, three weeks at £450.75.
        PackageCommissioned carepackage =
                commissioned(
                        MAPPED_PROVIDER,
                        45_075,
                        LocalDate.of(2026, 10, 5),
                        LocalDate.of(2026, 10, 25));
        send(Map.of(eventId, carepackage));
        send(Map.of(eventId, carepackage));
        awaitRecorded(eventId);
        worker.postDue();
        // Delivered a third time once committed, then another package from the same referral's
        // key (same partition, after it): once that is recorded, the third was handled.
        UUID marker = UUID.randomUUID();
        Map<UUID, PackageCommissioned> again = new LinkedHashMap<>();
        again.put(eventId, carepackage);
        again.put(
                marker,
                new PackageCommissioned(
                        carepackage.packageId(),
                        carepackage.referralId(),
                        MAPPED_PROVIDER,
                        10_000,
                        "GBP",
                        LocalDate.of(2026, 11, 2),
                        LocalDate.of(2026, 11, 8),
                        COMMISSIONED));
        send(again);
        awaitRecorded(marker);
        worker.postDue();

        List<PurchaseOrders.Order> orders = SAP.purchaseOrders().withItemText(eventId.toString());
        assertThat(orders).hasSize(1);
        assertThat(postingsFor(eventId)).isEqualTo(1);
        assertThat(posting(eventId, "state")).isEqualTo("posted");
        PurchaseOrders.Order order = orders.get(0);
        assertThat(posting(eventId, "sap_document")).isEqualTo(order.purchaseOrder());
        assertThat(order.supplier()).isEqualTo("300042");
        assertThat(order.companyCode()).isEqualTo("HCC1");
        assertThat(order.glAccount()).isEqualTo("52101000");
        assertThat(order.costCenter()).isEqualTo("CC5210");
        assertThat(order.orderQuantity()).isEqualByComparingTo("3");
        assertThat(order.netPriceAmount()).isEqualByComparingTo(new BigDecimal("450.75"));
        assertThat(order.validityStart()).isEqualTo(LocalDate.of(2026, 10, 5));
        assertThat(order.validityEnd()).isEqualTo(LocalDate.of(2026, 10, 25));
        assertThat(posting(eventId, "amount_pence")).isEqualTo("135225");
        assertThat(SAP.purchaseOrders().withItemText(marker.toString()))
                .as("positive control: another package is committed")
                .hasSize(1);
    }

    @Test
    void aTimeoutAfterSapCreatedTheOrderMakesNoSecondOne() {
        UUID eventId = UUID.randomUUID();
        SAP.faults().set(Faults.Mode.TIMEOUT_AFTER_COMMIT, Duration.ofMillis(2_500));
        send(
                Map.of(
                        eventId,
                        commissioned(MAPPED_PROVIDER, 30_000, LocalDate.of(2026, 10, 5), null)));
        awaitRecorded(eventId);

        worker.postDue();
        assertThat(posting(eventId, "state")).as("outcome unknown").isEqualTo("pending");
        assertThat(SAP.purchaseOrders().withItemText(eventId.toString()))
                .as("but SAP created it")
                .hasSize(1);

        SAP.faults().heal();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> {
                            worker.postDue();
                            assertThat(posting(eventId, "state")).isEqualTo("posted");
                        });
        List<PurchaseOrders.Order> orders = SAP.purchaseOrders().withItemText(eventId.toString());
        assertThat(orders).hasSize(1);
        assertThat(posting(eventId, "sap_document")).isEqualTo(orders.get(0).purchaseOrder());
        // Open-ended from Monday 5 October 2026: committed to 31 March 2027, 178 days, 26 weeks.
        assertThat(orders.get(0).validityEnd()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(orders.get(0).orderQuantity()).isEqualByComparingTo("26");
    }

    @Test
    void aWriteWithoutTheCsrfTokenIsRefusedAndTheSameWriteWithItIsAccepted() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String reference = UUID.randomUUID().toString();
        String order = purchaseOrderJson(reference);

        HttpResponse<String> refused =
                http.send(write(order, null, null), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("X-CSRF-Token")).hasValue("Required");
        assertThat(SAP.purchaseOrders().withItemText(reference)).isEmpty();

        HttpResponse<String> fetched =
                http.send(
                        authorised(HttpRequest.newBuilder(URI.create(SAP.baseUrl() + SERVICE)))
                                .header("X-CSRF-Token", "Fetch")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String token = fetched.headers().firstValue("X-CSRF-Token").orElseThrow();
        String cookie = fetched.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        HttpResponse<String> accepted =
                http.send(write(order, token, cookie), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(SAP.purchaseOrders().withItemText(reference)).hasSize(1);
    }

    @Test
    void aPackageFromAnUnmappedProviderWaitsAsUnmapped() {
        UUID eventId = UUID.randomUUID();
        send(
                Map.of(
                        eventId,
                        commissioned(
                                "PROV-0999",
                                20_000,
                                LocalDate.of(2026, 10, 5),
                                LocalDate.of(2026, 10, 11))));
        awaitRecorded(eventId);
        worker.postDue();

        assertThat(posting(eventId, "state")).isEqualTo("unmapped");
        assertThat(posting(eventId, "document_kind")).isEqualTo("commitment");
        assertThat(SAP.purchaseOrders().withItemText(eventId.toString())).isEmpty();
    }

    private static PackageCommissioned commissioned(
            String provider, long weeklyPence, LocalDate start, LocalDate end) {
        return new PackageCommissioned(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                provider,
                weeklyPence,
                "GBP",
                start,
                end,
                COMMISSIONED);
    }

    private static HttpRequest write(String body, String token, String cookie) {
        HttpRequest.Builder request =
                authorised(
                                HttpRequest.newBuilder(
                                        URI.create(SAP.baseUrl() + SERVICE + "A_PurchaseOrder")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-CSRF-Token", token).header("Cookie", cookie);
        }
        return request.build();
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder request) {
        String credentials = SapSimulator.DEFAULT_USER + ":" + SapSimulator.DEFAULT_PASSWORD;
        return request.header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** A purchase order as SAP's API reference shows one, written out here by hand. */
    private static String purchaseOrderJson(String reference) {
        return """
                {"CompanyCode":"HCC1","PurchaseOrderType":"NB","Supplier":"300042",
                 "PurchasingOrganization":"HC01","PurchasingGroup":"ASC","DocumentCurrency":"GBP",
                 "ValidityStartDate":"/Date(1791158400000)/","ValidityEndDate":"/Date(1792368000000)/",
                 "to_PurchaseOrderItem":{"results":[{"PurchaseOrderItem":"10",
                   "PurchaseOrderItemText":"%s","AccountAssignmentCategory":"K",
                   "OrderQuantity":"2","PurchaseOrderQuantityUnit":"WK","NetPriceAmount":"100.00",
                   "to_AccountAssignment":{"results":[{"GLAccount":"52101000","CostCenter":"CC5210"}]}}]}}
                """
                .formatted(reference);
    }
}
