package uk.gov.hertfordshire.sap.connection;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A commitment against a supplier: in S/4HANA a purchase order with one item assigned to a GL
 * account and cost centre, {@code weeks} weeks at {@code weeklyPence}, valid from {@code validFrom}
 * to {@code validTo}.
 *
 * @param reference the source event id (36 characters), carried in the item text
 * @param companyCode the company code
 * @param supplier SAP's supplier (vendor) number
 * @param glAccount the expenditure account the commitment is assigned to
 * @param costCentre the cost centre it is assigned to
 * @param weeklyPence the price of one week, more than zero
 * @param weeks how many weeks are committed, at least one
 * @param currency ISO 4217
 * @param validFrom the first day
 * @param validTo the last day
 */
public record Commitment(
        String reference,
        String companyCode,
        String supplier,
        String glAccount,
        String costCentre,
        long weeklyPence,
        long weeks,
        String currency,
        LocalDate validFrom,
        LocalDate validTo) {

    public Commitment {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(companyCode, "companyCode");
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validTo, "validTo");
        if (weeklyPence <= 0 || weeks <= 0) {
            throw new IllegalArgumentException("weeklyPence and weeks must be more than zero");
        }
    }
}
