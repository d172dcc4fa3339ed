package uk.gov.hertfordshire.sap.connection;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRejected;

/**
 * The {@code JournalEntryBulkCreateRequest} message of Journal Entry – Post, with one journal entry
 * of two G/L items: debit the offset account, credit the GL account on the cost centre. Field
 * lengths are SAP's: DocumentReferenceID 16, DocumentHeaderText 25, DocumentItemText 50.
 */
final class JournalEntryMessage {

    static final String NAMESPACE = "http://sap.com/xi/SAPSCORE/SFIN";

    private JournalEntryMessage() {}

    static String request(JournalEntry entry, UUID messageId) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String amount = BigDecimal.valueOf(entry.amountPence(), 2).toPlainString();
        String id = messageId.toString().replace("-", "").toUpperCase();
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:sfin=\""
                + NAMESPACE
                + "\"><soapenv:Header/><soapenv:Body><sfin:JournalEntryBulkCreateRequest>"
                + "<MessageHeader><ID>"
                + id
                + "</ID><CreationDateTime>"
                + now
                + "</CreationDateTime></MessageHeader><JournalEntryCreateRequest><MessageHeader>"
                + "<ID>"
                + id
                + "</ID><CreationDateTime>"
                + now
                + "</CreationDateTime></MessageHeader><JournalEntry>"
                + element("OriginalReferenceDocumentType", "BKPFF")
                + element("BusinessTransactionType", "RFBU")
                + element("AccountingDocumentType", "SA")
                + element("DocumentReferenceID", cut(entry.shortReference(), 16))
                + element("DocumentHeaderText", cut(entry.headerText(), 25))
                + element("CreatedByUser", "HERTS_PLATFORM")
                + element("CompanyCode", entry.companyCode())
                + element("DocumentDate", entry.postingDate().toString())
                + element("PostingDate", entry.postingDate().toString())
                + item(1, entry.offsetGlAccount(), amount, "S", entry, null)
                + item(2, entry.glAccount(), "-" + amount, "H", entry, entry.costCentre())
                + "</JournalEntry></JournalEntryCreateRequest></sfin:JournalEntryBulkCreateRequest>"
                + "</soapenv:Body></soapenv:Envelope>";
    }

    private static String item(
            int line,
            String glAccount,
            String amount,
            String debitCredit,
            JournalEntry entry,
            String costCentre) {
        return "<Item>"
                + element("ReferenceDocumentItem", String.valueOf(line))
                + element("GLAccount", glAccount)
                + "<AmountInTransactionCurrency currencyCode=\""
                + escape(entry.currency())
                + "\">"
                + amount
                + "</AmountInTransactionCurrency>"
                + element("DebitCreditCode", debitCredit)
                + element("DocumentItemText", entry.reference())
                + (costCentre == null
                        ? ""
                        : "<AccountAssignment>"
                                + element("CostCenter", costCentre)
                                + "</AccountAssignment>")
                + "</Item>";
    }

    private static String element(String name, String value) {
        return value == null ? "" : "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** SAP's message as one line that fits an event (white space collapsed, cut to length). */
    static String oneLine(String message) {
        String line = message.replaceAll("\\s+", " ").strip();
        return line.length() <= FinancePostingRejected.MAX_MESSAGE_LENGTH
                ? line
                : line.substring(0, FinancePostingRejected.MAX_MESSAGE_LENGTH - 1).strip() + "…";
    }
}
