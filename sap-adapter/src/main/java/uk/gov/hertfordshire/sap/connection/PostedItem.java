package uk.gov.hertfordshire.sap.connection;

import java.time.LocalDate;

/**
 * One journal entry item read back from SAP.
 *
 * @param companyCode the company code
 * @param fiscalYear the fiscal year
 * @param accountingDocument the document number
 * @param postingDate the posting date
 * @param glAccount the account
 * @param costCentre the cost centre, or null
 * @param amountPence signed, negative for a credit
 * @param reference the item text, where the adapter puts the source event id
 */
public record PostedItem(
        String companyCode,
        String fiscalYear,
        String accountingDocument,
        LocalDate postingDate,
        String glAccount,
        String costCentre,
        long amountPence,
        String reference) {

    /** The document's key, unique across company codes and years. */
    public String documentKey() {
        return companyCode + "/" + fiscalYear + "/" + accountingDocument;
    }
}
