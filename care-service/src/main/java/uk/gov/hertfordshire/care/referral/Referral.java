package uk.gov.hertfordshire.care.referral;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored referral. The codes are plain; {@link #details()} was sealed at rest and is null once
 * the referral has been anonymised under the retention rule.
 *
 * @param reference the acknowledgement reference the referrer keeps, e.g. {@code HCR-000042}
 * @param agencyId the referring agency's id, or a fixed source code ({@code public}, {@code self},
 *     {@code relative}) for referrals staff record
 * @param ageGroup {@code adult} or {@code child}
 * @param status {@code active} until decided, then {@code completed} or {@code revoked}
 * @param recordedBy who recorded it ({@code Caller.id()})
 * @param repeatOf the same person's previous referral within 12 months, or null
 */
public record Referral(
        UUID id,
        String reference,
        String agencyId,
        String referrerSystem,
        String referrerValue,
        String ageGroup,
        String category,
        String priority,
        String sourceCode,
        String primaryNeedCode,
        String consent,
        String article6,
        String article9,
        String schedule1Condition,
        Details details,
        String status,
        Instant receivedAt,
        String recordedBy,
        UUID repeatOf,
        String assignedStaffId) {

    /** Whether another referral of the same person within 12 months came before this one. */
    public boolean isRepeat() {
        return repeatOf != null;
    }

    /**
     * What is sealed at rest: the person, the referrer's name and the narrative.
     *
     * @param riskIndicators risk indicator codes; health and abuse indicators are special-category
     */
    public record Details(
            Person person, String referrerName, String concerns, List<String> riskIndicators) {

        @Override
        public String toString() {
            return "Details[***]";
        }
    }
}
