package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import java.util.regex.Pattern;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A citizen paid a service's fee for a case, through a payment provider. Carries the provider's
 * reference for the payment only, never card or bank details; sap-adapter posts it to finance.
 *
 * @param caseId the case's UUID
 * @param serviceCode the service catalogue code of the service charged for
 * @param amountPence the amount paid in pence, more than zero
 * @param currency ISO 4217 code, three upper-case letters, e.g. {@code GBP}
 * @param paymentProvider code of the payment provider that took the payment, e.g. {@code govuk-pay}
 * @param paymentReference the provider's reference for the payment: letters, digits, {@code _} and
 *     {@code -}, at most 64
 * @param paidAt when the payment was taken
 */
public record CaseFeePaid(
        String caseId,
        String serviceCode,
        long amountPence,
        String currency,
        String paymentProvider,
        String paymentReference,
        Instant paidAt)
        implements DomainEvent {

    public static final EventType<CaseFeePaid> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.fee-paid.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseFeePaid.class);

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private static final Pattern PAYMENT_REFERENCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public CaseFeePaid {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        if (amountPence <= 0) {
            throw new IllegalArgumentException(
                    "amountPence must be more than zero but was " + amountPence);
        }
        EventFields.matching(currency, CURRENCY, "currency");
        EventFields.matching(paymentProvider, EventFields.CODE, "paymentProvider");
        EventFields.matching(paymentReference, PAYMENT_REFERENCE, "paymentReference");
        EventFields.required(paidAt, "paidAt");
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return paidAt;
    }
}
