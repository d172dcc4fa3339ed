package uk.gov.hertfordshire.platform.events.care;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A package of care was commissioned for a referral: what sap-adapter turns into a finance
 * commitment. The provider's code and the cost only: nothing about the person.
 *
 * @param packageId the package's UUID; the aggregate id
 * @param referralId the referral it was commissioned for
 * @param providerCode the care provider's code (SAP vendor), e.g. {@code PROV-0042}
 * @param weeklyCostPence the weekly cost in pence, positive
 * @param currency ISO 4217, {@code GBP}
 * @param startDate the first day of care
 * @param endDate the last day of care, not before {@code startDate}, or null while open-ended
 * @param commissionedAt when it was commissioned
 */
public record PackageCommissioned(
        String packageId,
        String referralId,
        String providerCode,
        long weeklyCostPence,
        String currency,
        LocalDate startDate,
        LocalDate endDate,
        Instant commissionedAt)
        implements DomainEvent {

    public static final EventType<PackageCommissioned> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.care.package-commissioned.v1",
                    Topics.CARE,
                    "/care-service",
                    PackageCommissioned.class);

    public static final List<String> CURRENCIES = List.of("GBP");

    public PackageCommissioned {
        EventFields.uuid(packageId, "packageId");
        EventFields.uuid(referralId, "referralId");
        EventFields.matching(providerCode, EventFields.CODE, "providerCode");
        if (weeklyCostPence <= 0) {
            throw new IllegalArgumentException("weeklyCostPence must be positive");
        }
        EventFields.oneOf(currency, CURRENCIES, "currency");
        EventFields.required(startDate, "startDate");
        if (endDate != null && endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("endDate is before startDate");
        }
        EventFields.required(commissionedAt, "commissionedAt");
    }

    @Override
    public String aggregateId() {
        return packageId;
    }

    @Override
    public Instant occurredAt() {
        return commissionedAt;
    }
}
