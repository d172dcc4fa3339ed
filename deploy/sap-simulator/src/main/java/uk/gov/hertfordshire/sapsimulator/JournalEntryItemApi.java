package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code API_JOURNALENTRYITEMBASIC_SRV}, the OData v2 read API of journal entry items, with the
 * gateway's CSRF rule: a modifying request needs the {@code X-CSRF-Token} a {@code GET} with {@code
 * X-CSRF-Token: Fetch} handed out, and the session cookie that came with it, or it is refused 403
 * with {@code X-CSRF-Token: Required}. The entity set itself is read-only, as in S/4HANA.
 */
final class JournalEntryItemApi implements HttpHandler {

    static final String PATH = "/sap/opu/odata/sap/API_JOURNALENTRYITEMBASIC_SRV/";
    private static final String ENTITY_SET = "A_JournalEntryItemBasic";

    private final SimulatorSettings settings;
    private final GeneralLedger ledger;
    private final Faults faults;

    private final CsrfTokens csrf = new CsrfTokens();

    JournalEntryItemApi(SimulatorSettings settings, GeneralLedger ledger, Faults faults) {
        this.settings = settings;
        this.ledger = ledger;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Http.authorised(exchange, settings.user(), settings.password())) {
            Http.unauthorised(exchange);
            return;
        }
        if (!SimulatorGate.enter(faults, exchange)) {
            return;
        }
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            if (!csrf.admit(exchange)) {
                return;
            }
            ODataV2.error(
                    exchange, 405, "/IWBEP/CM_MGW_RT/021", "Method '" + method + "' not allowed");
            return;
        }
        csrf.handOutIfAsked(exchange);
        String rest = exchange.getRequestURI().getPath().substring(PATH.length());
        if (rest.isEmpty() || rest.equals("$metadata")) {
            Http.json(exchange, 200, Map.of("d", Map.of("EntitySets", List.of(ENTITY_SET))));
            return;
        }
        if (!rest.equals(ENTITY_SET)) {
            ODataV2.error(
                    exchange,
                    404,
                    "/IWBEP/CM_MGW_RT/020",
                    "Resource not found for segment '" + rest + "'");
            return;
        }
        ODataV2.query(
                exchange,
                ledger.items(item -> true),
                JournalEntryItemApi::properties,
                item -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("__metadata", metadata(item));
                    properties(item)
                            .forEach(
                                    (name, value) ->
                                            json.put(
                                                    name,
                                                    value instanceof java.time.LocalDate date
                                                            ? ODataV2.date(date)
                                                            : value == null
                                                                    ? ""
                                                                    : value.toString()));
                    return json;
                });
    }

    private static Map<String, Object> properties(GeneralLedger.Item item) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("CompanyCode", item.companyCode());
        p.put("FiscalYear", item.fiscalYear());
        p.put("AccountingDocument", item.accountingDocument());
        p.put("LedgerGLLineItem", item.ledgerGlLineItem());
        p.put("Ledger", "0L");
        p.put("AccountingDocumentType", item.accountingDocumentType());
        p.put("PostingDate", item.postingDate());
        p.put("DocumentDate", item.documentDate());
        p.put("GLAccount", item.glAccount());
        p.put("CostCenter", item.costCenter());
        p.put("AmountInTransactionCurrency", item.amount());
        p.put("TransactionCurrency", item.currency());
        p.put("AmountInCompanyCodeCurrency", item.amount());
        p.put("CompanyCodeCurrency", "GBP");
        p.put("DebitCreditCode", item.debitCreditCode());
        p.put("DocumentItemText", item.documentItemText());
        p.put("DocumentReferenceID", item.documentReferenceId());
        p.put("AccountingDocumentHeaderText", item.headerText());
        return p;
    }

    private static Map<String, Object> metadata(GeneralLedger.Item item) {
        String key =
                "A_JournalEntryItemBasic(CompanyCode='"
                        + item.companyCode()
                        + "',FiscalYear='"
                        + item.fiscalYear()
                        + "',AccountingDocument='"
                        + item.accountingDocument()
                        + "',LedgerGLLineItem='"
                        + item.ledgerGlLineItem()
                        + "',Ledger='0L')";
        return Map.of(
                "id", PATH + key,
                "uri", PATH + key,
                "type", "API_JOURNALENTRYITEMBASIC_SRV.A_JournalEntryItemBasicType");
    }
}
