package uk.gov.hertfordshire.sap.posting;

import java.time.LocalDate;

/**
 * What a finance-relevant event asks to post, whatever its type.
 *
 * @param serviceCode the service (or care package type) the mapping is chosen by
 * @param subject the event's aggregate id (a case, a care package)
 * @param amountPence more than zero
 * @param currency ISO 4217
 * @param postingDate the day it happened in Europe/London
 */
public record PostingRequest(
        String serviceCode,
        String subject,
        long amountPence,
        String currency,
        LocalDate postingDate) {}
