package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Journal Entry – Post (Synchronous), the SOAP inbound service {@code
 * JournalEntryCreateRequestConfirmation_In} at {@code
 * /sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi}: a {@code JournalEntryBulkCreateRequest}
 * in, a {@code JournalEntryBulkCreateConfirmation} out, one confirmation per journal entry with
 * SAP's document number or, when refused, document {@code 0000000000} and SAP's log.
 */
final class JournalEntryService implements HttpHandler {

    static final String PATH = "/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi";
    static final String NAMESPACE = "http://sap.com/xi/SAPSCORE/SFIN";
    private static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** A journal entry SAP refuses: its log message. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final SimulatorSettings settings;
    private final GeneralLedger ledger;
    private final Organisation organisation;
    private final Faults faults;
    private final Clock clock;
    private final Set<String> closedPeriods = ConcurrentHashMap.newKeySet();

    JournalEntryService(
            SimulatorSettings settings,
            GeneralLedger ledger,
            Organisation organisation,
            Faults faults,
            Clock clock) {
        this.settings = settings;
        this.ledger = ledger;
        this.organisation = organisation;
        this.faults = faults;
        this.clock = clock;
    }

    /** Closes a posting period ({@code YYYY-MM}): entries dated in it are refused. */
    void closePeriod(String period) {
        closedPeriods.add(period);
    }

    void openPeriod(String period) {
        closedPeriods.remove(period);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            Http.send(exchange, 405, "text/plain", "Method not allowed");
            return;
        }
        if (!Http.authorised(exchange, settings.user(), settings.password())) {
            Http.unauthorised(exchange);
            return;
        }
        if (!SimulatorGate.enter(faults, exchange)) {
            return;
        }
        Document request;
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            request =
                    factory.newDocumentBuilder()
                            .parse(
                                    new ByteArrayInputStream(
                                            exchange.getRequestBody().readAllBytes()));
        } catch (Exception malformed) {
            fault(exchange, "Request message is not a valid SOAP message");
            return;
        }
        NodeList entries = request.getElementsByTagNameNS("*", "JournalEntryCreateRequest");
        if (entries.getLength() == 0) {
            fault(exchange, "No JournalEntryCreateRequest in the request message");
            return;
        }
        if (!SimulatorGate.beforeCommit(faults, exchange)) {
            return;
        }
        StringBuilder confirmations = new StringBuilder();
        for (int i = 0; i < entries.getLength(); i++) {
            confirmations.append(confirm((Element) entries.item(i)));
        }
        String body =
                "<soap-env:Envelope xmlns:soap-env=\""
                        + SOAP_NS
                        + "\"><soap-env:Header/><soap-env:Body><n0:JournalEntryBulkCreateConfirmation"
                        + " xmlns:n0=\""
                        + NAMESPACE
                        + "\"><MessageHeader><UUID>"
                        + UUID.randomUUID()
                        + "</UUID><CreationDateTime>"
                        + clock.instant()
                        + "</CreationDateTime></MessageHeader>"
                        + confirmations
                        + "</n0:JournalEntryBulkCreateConfirmation></soap-env:Body></soap-env:Envelope>";
        SimulatorGate.afterCommit(faults);
        Http.send(exchange, 200, "text/xml; charset=utf-8", body);
    }

    private String confirm(Element request) {
        String requestId = text(child(request, "MessageHeader"), "ID");
        Element entry = child(request, "JournalEntry");
        String companyCode = text(entry, "CompanyCode");
        String document = "0000000000";
        String fiscalYear = "0000";
        String log;
        try {
            GeneralLedger.Document posted = post(entry);
            document = posted.accountingDocument();
            fiscalYear = posted.fiscalYear();
            log =
                    logItem(
                            "605(RW)",
                            1,
                            "Document posted successfully: BKPFF "
                                    + document
                                    + companyCode
                                    + fiscalYear
                                    + " S4HCLNT100");
            log = "<Log><MaximumSeverityCode>1</MaximumSeverityCode>" + log + "</Log>";
        } catch (Refused refused) {
            log =
                    "<Log><MaximumSeverityCode>3</MaximumSeverityCode>"
                            + logItem("702(F5)", 3, "Error in document: BKPFF $ S4HCLNT100")
                            + logItem("000(ZSIM)", 3, refused.getMessage())
                            + "</Log>";
        }
        return "<JournalEntryCreateConfirmation><MessageHeader><ReferenceID>"
                + escape(requestId)
                + "</ReferenceID><CreationDateTime>"
                + clock.instant()
                + "</CreationDateTime></MessageHeader><JournalEntryCreateConfirmation>"
                + "<AccountingDocument>"
                + document
                + "</AccountingDocument><CompanyCode>"
                + escape(companyCode)
                + "</CompanyCode><FiscalYear>"
                + fiscalYear
                + "</FiscalYear></JournalEntryCreateConfirmation>"
                + log
                + "</JournalEntryCreateConfirmation>";
    }

    private GeneralLedger.Document post(Element entry) throws Refused {
        String companyCode = required(entry, "CompanyCode", 4);
        if (!settings.companyCodes().contains(companyCode)) {
            throw new Refused("Company code " + companyCode + " does not exist");
        }
        String referenceId = optional(entry, "DocumentReferenceID", 16);
        String headerText = optional(entry, "DocumentHeaderText", 25);
        String documentType = required(entry, "AccountingDocumentType", 2);
        LocalDate postingDate = date(entry, "PostingDate");
        LocalDate documentDate = date(entry, "DocumentDate");
        String period = postingDate.toString().substring(0, 7);
        if (closedPeriods.contains(period)) {
            throw new Refused(
                    "Posting period "
                            + String.format("%03d", postingDate.getMonthValue())
                            + " "
                            + postingDate.getYear()
                            + " is not open");
        }
        String forced = faults.takeRejection();
        if (forced != null) {
            throw new Refused(forced);
        }
        List<GeneralLedger.Item> items = new ArrayList<>();
        BigDecimal balance = BigDecimal.ZERO;
        NodeList lines = entry.getElementsByTagNameNS("*", "Item");
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            String glAccount = required(line, "GLAccount", 10);
            if (!settings.glAccounts().contains(glAccount)) {
                throw new Refused(
                        "G/L account "
                                + glAccount
                                + " does not exist in company code "
                                + companyCode);
            }
            Element amountElement = child(line, "AmountInTransactionCurrency");
            BigDecimal amount;
            try {
                amount = new BigDecimal(amountElement.getTextContent().trim());
            } catch (RuntimeException malformed) {
                throw new Refused("Amount in item " + (i + 1) + " is not a number");
            }
            if (amount.scale() > 2) {
                throw new Refused("Amount " + amount + " has more decimals than GBP allows");
            }
            String debitCredit = required(line, "DebitCreditCode", 1);
            if (!("S".equals(debitCredit) && amount.signum() > 0)
                    && !("H".equals(debitCredit) && amount.signum() < 0)) {
                throw new Refused("Debit/credit code " + debitCredit + " does not match the sign");
            }
            Element assignment = child(line, "AccountAssignment");
            String costCenter = assignment == null ? null : optional(assignment, "CostCenter", 10);
            if (costCenter != null && !organisation.costCenters().contains(costCenter)) {
                throw new Refused(
                        "Cost center "
                                + companyCode
                                + "/"
                                + costCenter
                                + " does not exist on "
                                + postingDate.format(GERMAN_DATE));
            }
            balance = balance.add(amount);
            items.add(
                    new GeneralLedger.Item(
                            companyCode,
                            String.valueOf(postingDate.getYear()),
                            null,
                            null,
                            documentType,
                            postingDate,
                            documentDate,
                            glAccount,
                            costCenter,
                            amount,
                            amountElement.getAttribute("currencyCode"),
                            debitCredit,
                            optional(line, "DocumentItemText", 50),
                            referenceId,
                            headerText));
        }
        if (items.size() < 2) {
            throw new Refused("A journal entry needs at least two items");
        }
        if (balance.signum() != 0) {
            throw new Refused("Balance in transaction currency " + balance);
        }
        return ledger.post(items);
    }

    private static LocalDate date(Element parent, String name) throws Refused {
        String value = required(parent, name, 10);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException malformed) {
            throw new Refused(name + " " + value + " is not a date");
        }
    }

    private static String required(Element parent, String name, int maxLength) throws Refused {
        String value = optional(parent, name, maxLength);
        if (value == null) {
            throw new Refused("Field " + name + " is required");
        }
        return value;
    }

    private static String optional(Element parent, String name, int maxLength) throws Refused {
        String value = text(parent, name);
        if (value != null && value.length() > maxLength) {
            throw new Refused(
                    "Field " + name + " is longer than " + maxLength + " characters: " + value);
        }
        return value;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                return element;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element element = child(parent, name);
        if (element == null) {
            return null;
        }
        String value = element.getTextContent().trim();
        return value.isEmpty() ? null : value;
    }

    private static String logItem(String typeId, int severity, String note) {
        return "<Item><TypeID>"
                + typeId
                + "</TypeID><SeverityCode>"
                + severity
                + "</SeverityCode><Note>"
                + escape(note)
                + "</Note></Item>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void fault(HttpExchange exchange, String message) throws IOException {
        String body =
                "<soap-env:Envelope xmlns:soap-env=\""
                        + SOAP_NS
                        + "\"><soap-env:Header/><soap-env:Body><soap-env:Fault><faultcode>"
                        + "soap-env:Client</faultcode><faultstring xml:lang=\"en\">"
                        + escape(message)
                        + "</faultstring></soap-env:Fault></soap-env:Body></soap-env:Envelope>";
        Http.send(exchange, 500, "text/xml; charset=utf-8", body);
    }
}
