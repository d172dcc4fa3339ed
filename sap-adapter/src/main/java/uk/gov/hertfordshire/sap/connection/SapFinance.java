package uk.gov.hertfordshire.sap.connection;

import java.time.LocalDate;
import java.util.List;

/**
 * SAP finance as the adapter needs it: post a journal entry, make a commitment against a supplier,
 * and read back what was posted.
 */
public interface SapFinance {

    /**
     * Posts a journal entry.
     *
     * @return the document SAP created, or SAP's refusal
     * @throws SapUnavailableException when SAP did not answer: it may or may not have posted
     */
    PostingOutcome post(JournalEntry entry);

    /**
     * Makes a commitment (a purchase order against the supplier).
     *
     * @return SAP's purchase order number (no fiscal year), or SAP's refusal
     * @throws SapUnavailableException when SAP did not answer: it may or may not have made it
     */
    PostingOutcome commit(Commitment commitment);

    /**
     * The purchase orders whose item carries this reference (the source event id).
     *
     * @throws SapUnavailableException when SAP did not answer
     */
    List<String> commitmentsWithReference(String reference);

    /**
     * Every purchase order (commitment) of a company code dated in a range, both ends included.
     *
     * @throws SapUnavailableException when SAP did not answer
     */
    List<CommittedOrder> commitments(String companyCode, LocalDate from, LocalDate to);

    /**
     * The documents in a company code whose items carry this reference (the source event id).
     *
     * @throws SapUnavailableException when SAP did not answer
     */
    List<PostedItem> itemsWithReference(String companyCode, String reference);

    /**
     * Every journal entry item of a company code posted in a date range, both ends included.
     *
     * @throws SapUnavailableException when SAP did not answer
     */
    List<PostedItem> items(String companyCode, LocalDate from, LocalDate to);
}
