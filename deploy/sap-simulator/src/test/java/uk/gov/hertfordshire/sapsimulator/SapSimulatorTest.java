package uk.gov.hertfordshire.sapsimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator held to SAP's documented shapes, written here from SAP's API documentation rather
 * than from the adapter's client: basic logon, the Journal Entry – Post SOAP confirmation and its
 * log, the journal entry item OData read-back, the OData CSRF handshake, SAP's error formats, and
 * each fault switch beside the same call with the fault off.
 */
class SapSimulatorTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String POST_PATH = "/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi";
    static final String ITEMS_PATH =
            "/sap/opu/odata/sap/API_JOURNALENTRYITEMBASIC_SRV/A_JournalEntryItemBasic";
    static final String PO_PATH = "/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV/";
    static final String LOGON =
            "Basic "
                    + Base64.getEncoder()
                            .encodeToString(
                                    (SapSimulator.DEFAULT_USER
                                                    + ":"
                                                    + SapSimulator.DEFAULT_PASSWORD)
                                            .getBytes(StandardCharsets.UTF_8));

    static SapSimulator sap;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        sap =
                SapSimulator.start(
                        0,
                        200,
                        SimulatorSettings.county(
                                SapSimulator.DEFAULT_USER, SapSimulator.DEFAULT_PASSWORD));
    }

    @AfterAll
    static void stop() {
        sap.close();
    }

    @AfterEach
    void heal() {
        sap.faults().heal();
    }

    @Test
    void aJournalEntryIsConfirmedWithItsDocumentAndReadBackByItsItemText() throws Exception {
        String reference = UUID.randomUUID().toString();

        HttpResponse<String> confirmed = post(journalEntry(reference, "2026-09-14", "CC4107"));

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
        String document =
                between(confirmed.body(), "<AccountingDocument>", "</AccountingDocument>");
        assertThat(document).matches("[0-9]{10}").isNotEqualTo("0000000000");
        assertThat(confirmed.body())
                .contains("JournalEntryBulkCreateConfirmation")
                .contains("<MaximumSeverityCode>1</MaximumSeverityCode>")
                .contains("<FiscalYear>2026</FiscalYear>");

        JsonNode items = items("DocumentItemText eq '" + reference + "'");
        assertThat(items).hasSize(2);
        assertThat(items.valueStream().map(i -> i.get("AccountingDocument").asString()))
                .containsOnly(document);
        assertThat(items.valueStream().map(i -> i.get("DebitCreditCode").asString()))
                .containsExactlyInAnyOrder("S", "H");
        assertThat(items.get(0).get("PostingDate").asString())
                .as("Edm.DateTime in OData v2 JSON")
                .matches("/Date\\([0-9]+\\)/");
        assertThat(items("DocumentItemText eq '" + UUID.randomUUID() + "'"))
                .as("positive control: another reference finds nothing")
                .isEmpty();
    }

    @Test
    void aRefusedJournalEntryHasDocumentZeroAndSapsMessageAtSeverityThree() throws Exception {
        HttpResponse<String> refused =
                post(journalEntry(UUID.randomUUID().toString(), "2026-09-14", "CC9999"));

        assertThat(refused.statusCode())
                .as("SAP refuses in the confirmation, not with a fault")
                .isEqualTo(200);
        assertThat(between(refused.body(), "<AccountingDocument>", "</AccountingDocument>"))
                .isEqualTo("0000000000");
        assertThat(refused.body())
                .contains("<MaximumSeverityCode>3</MaximumSeverityCode>")
                .contains("Cost center HCC1/CC9999 does not exist on 14.09.2026");
    }

    @Test
    void aClosedPeriodRefusesItsPostingsAndNoOther() throws Exception {
        sap.closePeriod("2026-03");

        assertThat(post(journalEntry(UUID.randomUUID().toString(), "2026-03-31", "CC4107")).body())
                .contains("Posting period 003 2026 is not open");
        assertThat(post(journalEntry(UUID.randomUUID().toString(), "2026-04-01", "CC4107")).body())
                .as("positive control: the next month is open")
                .contains("<MaximumSeverityCode>1</MaximumSeverityCode>");
    }

    @Test
    void aMessageThatIsNotSoapIsASoapFault() throws Exception {
        HttpResponse<String> fault = post("not xml at all");

        assertThat(fault.statusCode()).isEqualTo(500);
        assertThat(fault.body())
                .contains("<soap-env:Fault>", "<faultcode>soap-env:Client</faultcode>")
                .contains("<faultstring xml:lang=\"en\">");
    }

    @Test
    void withoutTheCommunicationUsersLogonSapAnswers401() throws Exception {
        HttpResponse<String> anonymous =
                http.send(
                        HttpRequest.newBuilder(uri(ITEMS_PATH)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(get(ITEMS_PATH + "?$top=1").statusCode()).as("positive control").isEqualTo(200);
    }

    @Test
    void aUserQueryNamingNoStatusReturnsActiveUsersOnlyAsSuccessFactorsDoes() throws Exception {
        String leaver = "00010003";
        sap.organisation().change(leaver, null, null, false);
        String one = "$filter=" + encode("userId eq '" + leaver + "'");
        String withStatus = "$filter=" + encode("status in 't','f' and userId eq '" + leaver + "'");

        JsonNode implicit = JSON.readTree(get("/odata/v2/User?" + one).body()).at("/d/results");
        JsonNode named = JSON.readTree(get("/odata/v2/User?" + withStatus).body()).at("/d/results");

        assertThat(implicit).isEmpty();
        assertThat(named).hasSize(1);
        assertThat(named.get(0).get("status").asString()).isEqualTo("f");
        sap.organisation().change(leaver, null, null, true);
        assertThat(JSON.readTree(get("/odata/v2/User?" + one).body()).at("/d/results"))
                .as("the same user, active again, with no status named")
                .hasSize(1);
    }

    @Test
    void aFilterGroupsWithParenthesesAndJoinsWithOrAsODataDoes() throws Exception {
        String leaver = "00010004";
        String other = "00010005";
        sap.organisation().change(leaver, null, null, false);
        try {
            // The keyset of a delta read: after the leaver's change, or at it with a later id.
            String at =
                    java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                            sap.organisation().employee(leaver).orElseThrow().changedAt());
            String keyset =
                    "status in 't','f' and (lastModifiedDateTime gt datetimeoffset'"
                            + at
                            + "' or (lastModifiedDateTime eq datetimeoffset'"
                            + at
                            + "' and userId gt '"
                            + leaver
                            + "'))";
            String through =
                    keyset.replace("userId gt '" + leaver + "'", "userId ge '" + leaver + "'");
            assertThat(users(keyset)).as("strictly after the leaver").doesNotContain(leaver);
            assertThat(users(through)).as("positive control: from the leaver").contains(leaver);

            assertThat(users("(userId eq '" + leaver + "' or userId eq '" + other + "')"))
                    .as("no status named: the implicit active-only condition holds")
                    .containsExactly(other);
            // SAP KBA 3575859: status named in one branch of an or drops the implicit condition.
            assertThat(
                            users(
                                    "userId eq '"
                                            + leaver
                                            + "' or (status eq 'f' and userId eq 'nobody')"))
                    .containsExactly(leaver);
            assertThat(
                            get("/odata/v2/User?$filter=" + encode("(userId eq '" + leaver + "'"))
                                    .statusCode())
                    .as("unbalanced parentheses")
                    .isEqualTo(400);
        } finally {
            sap.organisation().change(leaver, null, null, true);
        }
    }

    @Test
    void anInvalidFilterIsAnODataV2ErrorDocument() throws Exception {
        HttpResponse<String> invalid = get(ITEMS_PATH + "?$filter=" + encode("Nonsense ~~ 'x'"));

        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(invalid.body()).get("error");
        assertThat(error.get("code").asString()).startsWith("/IWBEP/");
        assertThat(error.at("/message/lang").asString()).isEqualTo("en");
        assertThat(error.at("/message/value").asString()).isNotBlank();
    }

    @Test
    void anODataWriteNeedsTheFetchedCsrfTokenAndItsSessionCookie() throws Exception {
        String order = purchaseOrder(UUID.randomUUID().toString());

        HttpResponse<String> noToken = createPurchaseOrder(order, null, null);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.headers().firstValue("X-CSRF-Token")).hasValue("Required");

        HttpResponse<String> fetched =
                http.send(
                        HttpRequest.newBuilder(uri(PO_PATH))
                                .header("Authorization", LOGON)
                                .header("X-CSRF-Token", "Fetch")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        String token = fetched.headers().firstValue("X-CSRF-Token").orElseThrow();
        String cookie = fetched.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertThat(cookie).startsWith("SAP_SESSIONID_");

        assertThat(createPurchaseOrder(order, token, null).statusCode())
                .as("the token without its session")
                .isEqualTo(403);
        assertThat(createPurchaseOrder(order, UUID.randomUUID().toString(), cookie).statusCode())
                .as("the session with another token")
                .isEqualTo(403);
        assertThat(sap.purchaseOrders().all()).isEmpty();

        HttpResponse<String> created = createPurchaseOrder(order, token, cookie);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).at("/d/PurchaseOrder").asString())
                .matches("45[0-9]{8}");
    }

    @Test
    void downAnswersEveryCall503UntilHealed() throws Exception {
        sap.faults().set(Faults.Mode.DOWN, Duration.ZERO);
        String reference = UUID.randomUUID().toString();

        assertThat(post(journalEntry(reference, "2026-09-14", "CC4107")).statusCode())
                .isEqualTo(503);
        assertThat(get(ITEMS_PATH + "?$top=1").statusCode()).isEqualTo(503);
        assertThat(get("/odata/v2/User?$top=1").statusCode()).isEqualTo(503);
        assertThat(sap.ledger().withItemText(reference)).as("nothing posted while down").isEmpty();

        sap.faults().heal();
        assertThat(post(journalEntry(reference, "2026-09-14", "CC4107")).statusCode())
                .isEqualTo(200);
        assertThat(sap.ledger().withItemText(reference)).hasSize(1);
    }

    @Test
    void timeoutAfterCommitPostsButTheCallerHearsNothingInTime() throws Exception {
        sap.faults().set(Faults.Mode.TIMEOUT_AFTER_COMMIT, Duration.ofSeconds(3));
        String reference = UUID.randomUUID().toString();

        assertThatThrownBy(
                        () ->
                                http.send(
                                        soap(journalEntry(reference, "2026-09-14", "CC4107"))
                                                .timeout(Duration.ofMillis(500))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sap.ledger().withItemText(reference)).as("SAP committed it").hasSize(1);
    }

    @Test
    void slowCommitHoldsAPostingWhileReadsAnswerAndCommitsItOnlyAfterTheDelay() throws Exception {
        sap.faults().set(Faults.Mode.SLOW_COMMIT, Duration.ofSeconds(2));
        String reference = UUID.randomUUID().toString();

        CompletableFuture<HttpResponse<String>> posting =
                http.sendAsync(
                        soap(journalEntry(reference, "2026-09-14", "CC4107")).build(),
                        HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read =
                http.send(
                        HttpRequest.newBuilder(
                                        uri(
                                                ITEMS_PATH
                                                        + "?$filter="
                                                        + encode(
                                                                "DocumentItemText eq '"
                                                                        + reference
                                                                        + "'")))
                                .header("Authorization", LOGON)
                                .timeout(Duration.ofMillis(1_000))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as("a read answers at once").isEqualTo(200);
        assertThat(JSON.readTree(read.body()).at("/d/results").size())
                .as("still being processed, so not found")
                .isZero();

        assertThat(posting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(sap.ledger().withItemText(reference)).as("committed after the delay").hasSize(1);
    }

    @Test
    void aLostPostingIsNeitherAnsweredNorCommitted() throws Exception {
        sap.faults().set(Faults.Mode.LOST_POSTING, Duration.ofMillis(300));
        String reference = UUID.randomUUID().toString();

        assertThatThrownBy(
                        () ->
                                http.send(
                                        soap(journalEntry(reference, "2026-09-14", "CC4107"))
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThat(sap.ledger().withItemText(reference)).as("nothing committed").isEmpty();

        sap.faults().heal();
        assertThat(post(journalEntry(reference, "2026-09-14", "CC4107")).statusCode())
                .as("positive control: the same posting sent again is committed")
                .isEqualTo(200);
        assertThat(sap.ledger().withItemText(reference)).hasSize(1);
    }

    @Test
    void slowAnswersOnlyAfterTheDelay() throws Exception {
        sap.faults().set(Faults.Mode.SLOW, Duration.ofSeconds(3));

        assertThatThrownBy(
                        () ->
                                http.send(
                                        HttpRequest.newBuilder(uri(ITEMS_PATH + "?$top=1"))
                                                .header("Authorization", LOGON)
                                                .timeout(Duration.ofMillis(500))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        sap.faults().heal();
        assertThat(
                        http.send(
                                        HttpRequest.newBuilder(uri(ITEMS_PATH + "?$top=1"))
                                                .header("Authorization", LOGON)
                                                .timeout(Duration.ofMillis(2_000))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                .as("positive control: the same call in time once healthy")
                .isEqualTo(200);
    }

    @Test
    void aForcedRejectionRefusesTheNextPostingsOnly() throws Exception {
        sap.faults().rejectNext(1, "Cost center HCC1/CC4107 is blocked for posting");

        assertThat(post(journalEntry(UUID.randomUUID().toString(), "2026-09-14", "CC4107")).body())
                .contains("Cost center HCC1/CC4107 is blocked for posting")
                .contains("<AccountingDocument>0000000000</AccountingDocument>");
        assertThat(post(journalEntry(UUID.randomUUID().toString(), "2026-09-14", "CC4107")).body())
                .contains("<MaximumSeverityCode>1</MaximumSeverityCode>");
    }

    @Test
    void theCountyHasAboutSevenThousandStaffAndEveryPersonaCanWork() {
        Organisation county = Organisation.county(7_000, java.time.Clock.systemUTC());

        assertThat(county.size()).isBetween(6_900, 7_100);
        assertThat(county.employee("00010002"))
                .as("officer-dan")
                .hasValueSatisfying(
                        dan -> {
                            assertThat(dan.department()).isEqualTo("HWY-INSPECT");
                            assertThat(dan.roles()).contains("OFFICER");
                            assertThat(dan.active()).isTrue();
                        });
        assertThat(county.departmentsChangedAfter(java.time.Instant.EPOCH))
                .extracting(Organisation.Department::directorate)
                .contains("Environment and Infrastructure", "Adult Care Services");
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(soap(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder soap(String body) {
        return HttpRequest.newBuilder(uri(POST_PATH))
                .header("Authorization", LOGON)
                .header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).header("Authorization", LOGON).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private java.util.List<String> users(String filter) throws Exception {
        HttpResponse<String> found = get("/odata/v2/User?$format=json&$filter=" + encode(filter));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return JSON.readTree(found.body())
                .at("/d/results")
                .valueStream()
                .map(u -> u.get("userId").asString())
                .toList();
    }

    private JsonNode items(String filter) throws Exception {
        HttpResponse<String> found = get(ITEMS_PATH + "?$filter=" + encode(filter));
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return JSON.readTree(found.body()).at("/d/results");
    }

    private HttpResponse<String> createPurchaseOrder(String body, String token, String cookie)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(PO_PATH + "A_PurchaseOrder"))
                        .header("Authorization", LOGON)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("X-CSRF-Token", token);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(sap.baseUrl() + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as(start + " in " + text).isNotNegative();
        return text.substring(from + start.length(), text.indexOf(end, from));
    }

    /** A JournalEntryBulkCreateRequest as SAP documents it: £10, debit clearing, credit income. */
    private static String journalEntry(String reference, String postingDate, String costCenter) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:sfin=\"http://sap.com/xi/SAPSCORE/SFIN\"><soapenv:Header/><soapenv:Body>"
                + "<sfin:JournalEntryBulkCreateRequest><MessageHeader><ID>MSG1</ID>"
                + "<CreationDateTime>2026-09-14T10:00:00Z</CreationDateTime></MessageHeader>"
                + "<JournalEntryCreateRequest><MessageHeader><ID>MSG1</ID>"
                + "<CreationDateTime>2026-09-14T10:00:00Z</CreationDateTime></MessageHeader>"
                + "<JournalEntry><OriginalReferenceDocumentType>BKPFF</OriginalReferenceDocumentType>"
                + "<BusinessTransactionType>RFBU</BusinessTransactionType>"
                + "<AccountingDocumentType>SA</AccountingDocumentType>"
                + "<CompanyCode>HCC1</CompanyCode>"
                + "<DocumentDate>"
                + postingDate
                + "</DocumentDate><PostingDate>"
                + postingDate
                + "</PostingDate>"
                + "<Item><ReferenceDocumentItem>1</ReferenceDocumentItem><GLAccount>11002000</GLAccount>"
                + "<AmountInTransactionCurrency currencyCode=\"GBP\">10.00</AmountInTransactionCurrency>"
                + "<DebitCreditCode>S</DebitCreditCode><DocumentItemText>"
                + reference
                + "</DocumentItemText></Item>"
                + "<Item><ReferenceDocumentItem>2</ReferenceDocumentItem><GLAccount>41001000</GLAccount>"
                + "<AmountInTransactionCurrency currencyCode=\"GBP\">-10.00</AmountInTransactionCurrency>"
                + "<DebitCreditCode>H</DebitCreditCode><DocumentItemText>"
                + reference
                + "</DocumentItemText><AccountAssignment><CostCenter>"
                + costCenter
                + "</CostCenter></AccountAssignment></Item>"
                + "</JournalEntry></JournalEntryCreateRequest></sfin:JournalEntryBulkCreateRequest>"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    /** A deep insert on A_PurchaseOrder: one item, account assignment K on a cost centre. */
    private static String purchaseOrder(String reference) {
        return "{\"CompanyCode\":\"HCC1\",\"PurchaseOrderType\":\"NB\",\"Supplier\":\"300042\","
                + "\"PurchasingOrganization\":\"HC01\",\"PurchasingGroup\":\"ASC\","
                + "\"DocumentCurrency\":\"GBP\",\"ValidityStartDate\":\"/Date(1788220800000)/\","
                + "\"ValidityEndDate\":\"/Date(1806451200000)/\",\"to_PurchaseOrderItem\":"
                + "{\"results\":[{\"PurchaseOrderItem\":\"10\",\"PurchaseOrderItemText\":\""
                + reference
                + "\",\"AccountAssignmentCategory\":\"K\",\"OrderQuantity\":\"30\","
                + "\"PurchaseOrderQuantityUnit\":\"WK\",\"NetPriceAmount\":\"850.00\","
                + "\"to_AccountAssignment\":{\"results\":[{\"GLAccount\":\"52101000\","
                + "\"CostCenter\":\"CC5210\"}]}}]}}";
    }
}
