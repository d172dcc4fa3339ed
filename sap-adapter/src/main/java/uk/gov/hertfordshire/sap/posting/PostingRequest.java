package uk.gov.hertfordshire.sap.posting;

import java.time.LocalDate;

/**
 * What a finance-relevant event asks to post, whatever its type.
 *
 * @param serviceCode the service (or, for a commitment, the provider) the mapping is chosen by
 * @param subject the event's aggregate id (a case, a care package)
 * @param amountPence more than zero; for a commitment, the whole amount committed
 * @param currency ISO 4217
 * @param postingDate the day it happened in Europe/London; for a commitment, its first day
 * @param weekly for a commitment, its weekly price and last day; null for a journal entry
 */
public record PostingRequest(
        String serviceCode,
        String subject,
        long amountPence,
        String currency,
        LocalDate postingDate,
        Weekly weekly) {

    /** A journal entry's request. */
    public PostingRequest(
            String serviceCode,
            String subject,
            long amountPence,
            String currency,
            LocalDate postingDate) {
        this(serviceCode, subject, amountPence, currency, postingDate, null);
    }

    /**
     * A commitment's terms: {@code amountPence} is {@code weeklyPence} times its weeks.
     *
     * @param weeklyPence the price of a week, more than zero
     * @param validTo the last day committed
     */
    public record Weekly(long weeklyPence, LocalDate validTo) {}
}
