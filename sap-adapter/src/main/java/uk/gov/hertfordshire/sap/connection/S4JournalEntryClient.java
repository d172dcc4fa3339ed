package uk.gov.hertfordshire.sap.connection;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * S/4HANA finance: postings through Journal Entry – Post (Synchronous), the SOAP inbound service
 * {@code JournalEntryCreateRequestConfirmation_In}, and read-back through the journal entry item
 * OData v2 API {@code API_JOURNALENTRYITEMBASIC_SRV} ({@code A_JournalEntryItemBasic}, ledger 0L).
 *
 * <p>The source event id (36 characters) goes in every item's {@code DocumentItemText} (SGTXT, 50
 * characters), the one reference field long enough for it that the item API can filter on; the
 * header's {@code DocumentReferenceID} (XBLNR) holds only 16, so it carries the id's first 16 hex
 * digits for people searching in SAP.
 *
 * <p>Commitments go to the purchase order API through {@link S4PurchaseOrderClient}.
 */
public final class S4JournalEntryClient implements SapFinance {

    static final String POST_PATH = "/sap/bc/srt/scs_ext/sap/journalentrycreaterequestconfi";
    static final String ITEMS_PATH =
            "/sap/opu/odata/sap/API_JOURNALENTRYITEMBASIC_SRV/A_JournalEntryItemBasic";
    static final String SOAP_ACTION =
            "http://sap.com/xi/SAPSCORE/SFIN/JournalEntryCreateRequestConfirmation_In"
                    + "/JournalEntryCreateRequestConfirmation_InRequest";
    private static final String NO_DOCUMENT = "0000000000";
    private static final int PAGE = 1000;
    private static final Pattern ODATA_DATE =
            Pattern.compile("/Date\\((-?[0-9]+)([+-][0-9]{4})?\\)/");
    private static final String SELECT =
            "CompanyCode,FiscalYear,AccountingDocument,PostingDate,GLAccount,CostCenter,"
                    + "AmountInTransactionCurrency,DocumentItemText";

    private final RestClient http;
    private final S4PurchaseOrderClient purchaseOrders;
    private final JsonMapper json = JsonMapper.builder().build();

    S4JournalEntryClient(RestClient http, S4PurchaseOrderClient purchaseOrders) {
        this.http = http;
        this.purchaseOrders = purchaseOrders;
    }

    @Override
    public PostingOutcome commit(Commitment commitment) {
        return purchaseOrders.create(commitment);
    }

    @Override
    public List<String> commitmentsWithReference(String reference) {
        return purchaseOrders.withReference(reference);
    }

    @Override
    public List<CommittedOrder> commitments(String companyCode, LocalDate from, LocalDate to) {
        return purchaseOrders.dated(companyCode, from, to);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The message carries the entry's own message id, the same on every send of the entry, so
     * each send of it can be told apart from another posting's in SAP's message monitoring.
     *
     * @throws SapOutcomeUnknownException when SAP may have posted it (a timeout, a broken
     *     connection, a server error other than 503, an answer that cannot be read)
     */
    @Override
    public PostingOutcome post(JournalEntry entry) {
        String request = JournalEntryMessage.request(entry, entry.messageId());
        try {
            return http.post()
                    .uri(POST_PATH)
                    .contentType(MediaType.parseMediaType("text/xml; charset=utf-8"))
                    .header("SOAPAction", SOAP_ACTION)
                    .body(request)
                    .exchange(
                            (req, res) -> {
                                String body = new String(res.getBody().readAllBytes(), "UTF-8");
                                int status = res.getStatusCode().value();
                                if (status == 200) {
                                    return confirmation(body);
                                }
                                if (status == 500 && body.contains("Fault>")) {
                                    return new PostingOutcome.Rejected(
                                            JournalEntryMessage.oneLine(
                                                    "SOAP fault: " + faultString(body)));
                                }
                                throw SapOutcomeUnknownException.answered(
                                        status, "the journal entry post");
                            });
        } catch (RestClientException unanswered) {
            throw SapOutcomeUnknownException.unanswered("the journal entry post", unanswered);
        }
    }

    @Override
    public List<PostedItem> itemsWithReference(String companyCode, String reference) {
        return query(
                "CompanyCode eq '"
                        + quote(companyCode)
                        + "' and Ledger eq '0L' and DocumentItemText eq '"
                        + quote(reference)
                        + "'");
    }

    @Override
    public List<PostedItem> items(String companyCode, LocalDate from, LocalDate to) {
        return query(
                "CompanyCode eq '"
                        + quote(companyCode)
                        + "' and Ledger eq '0L' and PostingDate ge datetime'"
                        + from
                        + "T00:00:00' and PostingDate le datetime'"
                        + to
                        + "T00:00:00'");
    }

    private List<PostedItem> query(String filter) {
        List<PostedItem> items = new ArrayList<>();
        for (int pageNumber = 0; ; pageNumber++) {
            int skip = pageNumber * PAGE;
            JsonNode results;
            try {
                String body =
                        http.get()
                                .uri(
                                        builder ->
                                                builder.path(ITEMS_PATH)
                                                        .queryParam("$filter", "{filter}")
                                                        .queryParam("$select", SELECT)
                                                        .queryParam("$top", PAGE)
                                                        .queryParam("$skip", skip)
                                                        .queryParam("$format", "json")
                                                        .build(Map.of("filter", filter)))
                                .accept(MediaType.APPLICATION_JSON)
                                .exchange(
                                        (req, res) -> {
                                            String text =
                                                    new String(
                                                            res.getBody().readAllBytes(), "UTF-8");
                                            if (res.getStatusCode().value() != 200) {
                                                throw new SapUnavailableException(
                                                        "SAP answered "
                                                                + res.getStatusCode().value()
                                                                + " to the journal entry item query: "
                                                                + odataMessage(text));
                                            }
                                            return text;
                                        });
                results = json.readTree(body).path("d").path("results");
            } catch (RestClientException unanswered) {
                throw new SapUnavailableException("SAP did not answer the item query", unanswered);
            }
            for (JsonNode item : results) {
                items.add(item(item));
            }
            if (results.size() < PAGE) {
                return items;
            }
        }
    }

    private static PostedItem item(JsonNode item) {
        String costCentre = item.path("CostCenter").asString("");
        return new PostedItem(
                item.path("CompanyCode").asString(),
                item.path("FiscalYear").asString(),
                item.path("AccountingDocument").asString(),
                date(item.path("PostingDate").asString()),
                item.path("GLAccount").asString(),
                costCentre.isEmpty() ? null : costCentre,
                new BigDecimal(item.path("AmountInTransactionCurrency").asString("0"))
                        .movePointRight(2)
                        .longValueExact(),
                item.path("DocumentItemText").asString(""));
    }

    /** OData v2's {@code /Date(<ms>)/}, as a date (SAP sends midnight UTC for Edm.DateTime). */
    static LocalDate date(String value) {
        Matcher m = ODATA_DATE.matcher(value);
        if (!m.matches()) {
            throw new SapUnavailableException("SAP sent a date OData v2 does not write: " + value);
        }
        return Instant.ofEpochMilli(Long.parseLong(m.group(1)))
                .atZone(ZoneOffset.UTC)
                .toLocalDate();
    }

    private PostingOutcome confirmation(String body) {
        Document document;
        try {
            document = parse(body);
        } catch (SapUnavailableException unreadable) {
            // SAP answered 200, so it processed the request: it may have posted it.
            throw new SapOutcomeUnknownException(
                    "SAP's confirmation of the journal entry post is not XML", unreadable);
        }
        String accountingDocument = firstText(document, "AccountingDocument");
        String fiscalYear = firstText(document, "FiscalYear");
        String severity = firstText(document, "MaximumSeverityCode");
        if (accountingDocument != null
                && !NO_DOCUMENT.equals(accountingDocument)
                && !"3".equals(severity)
                && !"4".equals(severity)) {
            return new PostingOutcome.Posted(accountingDocument, fiscalYear);
        }
        List<String> notes = new ArrayList<>();
        NodeList items = document.getElementsByTagNameNS("*", "Item");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            String itemSeverity = childText(item, "SeverityCode");
            String note = childText(item, "Note");
            if (note != null && ("3".equals(itemSeverity) || "4".equals(itemSeverity))) {
                notes.add(note);
            }
        }
        // SAP's first error is the generic "Error in document"; the specific reason follows.
        List<String> specific =
                notes.stream().filter(n -> !n.startsWith("Error in document")).toList();
        String message =
                (specific.isEmpty() ? notes : specific).stream().collect(Collectors.joining("; "));
        return new PostingOutcome.Rejected(
                JournalEntryMessage.oneLine(
                        message.isEmpty() ? "SAP refused the posting" : message));
    }

    private static Document parse(String xml) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder()
                    .parse(
                            new ByteArrayInputStream(
                                    xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (Exception malformed) {
            throw new SapUnavailableException("SAP's answer is not XML", malformed);
        }
    }

    private static String firstText(Document document, String localName) {
        NodeList nodes = document.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static String childText(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static String faultString(String body) {
        try {
            String fault = firstText(parse(body), "faultstring");
            return fault == null ? "no faultstring" : fault;
        } catch (SapUnavailableException notXml) {
            return "unreadable fault";
        }
    }

    private String odataMessage(String body) {
        try {
            return json.readTree(body).path("error").path("message").path("value").asString("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    /** An OData string literal's content: a quote doubled. */
    private static String quote(String value) {
        return value.replace("'", "''");
    }
}
