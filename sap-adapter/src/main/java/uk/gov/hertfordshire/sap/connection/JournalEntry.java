package uk.gov.hertfordshire.sap.connection;

import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A two-line journal entry: the amount debited to the offset account (e.g. the payment provider's
 * clearing account) and credited to the GL account on the cost centre (e.g. fees income).
 *
 * @param reference the source event id (36 characters), carried on every item
 * @param shortReference up to 16 characters for the document header's reference
 * @param headerText up to 25 characters describing the entry
 * @param companyCode the company code
 * @param glAccount the account credited, on the cost centre
 * @param costCentre the cost centre
 * @param offsetGlAccount the account debited
 * @param amountPence the amount in pence, more than zero
 * @param currency ISO 4217
 * @param postingDate the posting date (and document date)
 * @param messageId the SOAP message's id: the same on every send of this entry, so a repeat of it
 *     carries the id of the first send
 */
public record JournalEntry(
        String reference,
        String shortReference,
        String headerText,
        String companyCode,
        String glAccount,
        String costCentre,
        String offsetGlAccount,
        long amountPence,
        String currency,
        LocalDate postingDate,
        UUID messageId) {

    public JournalEntry {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(companyCode, "companyCode");
        Objects.requireNonNull(postingDate, "postingDate");
        if (amountPence <= 0) {
            throw new IllegalArgumentException("amountPence must be more than zero");
        }
    }
}
