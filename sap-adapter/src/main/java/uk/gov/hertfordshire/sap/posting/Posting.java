package uk.gov.hertfordshire.sap.posting;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import uk.gov.hertfordshire.sap.connection.Commitment;
import uk.gov.hertfordshire.sap.connection.JournalEntry;

/** One row of the posting ledger. */
record Posting(
        UUID id,
        UUID sourceEventId,
        String sourceEventType,
        String subject,
        String serviceCode,
        long amountPence,
        String currency,
        LocalDate postingDate,
        String companyCode,
        String glAccount,
        String costCentre,
        String offsetGlAccount,
        PostingState state,
        int sends,
        Instant nextAttemptAt,
        String sapDocument,
        String sapFiscalYear,
        String sapMessage,
        int version,
        Instant receivedAt,
        Instant postedAt,
        boolean commitment,
        String supplier,
        Long weeklyPence,
        LocalDate validTo) {

    /** The commitment SAP is sent: the source event id is its reference. */
    Commitment commitmentOrder() {
        return new Commitment(
                sourceEventId.toString(),
                companyCode,
                supplier,
                glAccount,
                costCentre,
                weeklyPence,
                amountPence / weeklyPence,
                currency,
                postingDate,
                validTo);
    }

    /**
     * The journal entry SAP is sent: the source event id is its reference, and its message id is
     * {@link #messageId()}.
     */
    JournalEntry journalEntry() {
        String reference = sourceEventId.toString();
        return new JournalEntry(
                reference,
                reference.replace("-", "").substring(0, 16).toUpperCase(),
                serviceCode,
                companyCode,
                glAccount,
                costCentre,
                offsetGlAccount,
                amountPence,
                currency,
                postingDate,
                messageId());
    }

    /**
     * The id of the message that carries this posting to SAP: derived from the posting's id and
     * version, so every send of the same posting (a retry after an unknown outcome) carries the
     * same id, and only a corrected one (re-submitted, a new version) a new id.
     */
    UUID messageId() {
        return UUID.nameUUIDFromBytes(
                ("sap-adapter posting " + id + " version " + version)
                        .getBytes(StandardCharsets.UTF_8));
    }
}
