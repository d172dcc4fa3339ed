package uk.gov.hertfordshire.care.decision;

import java.time.Instant;
import java.util.UUID;

/**
 * A referral's proposal and, once a care manager has made it, its decision.
 *
 * @param proposedReason why it was proposed; null once the referral is anonymised (retention)
 * @param outcome the decided outcome, or null while only proposed
 * @param reason why it was decided; null while only proposed or once anonymised
 */
public record Decision(
        UUID referralId,
        String proposedOutcome,
        String proposedReason,
        String proposedBy,
        Instant proposedAt,
        String outcome,
        String reason,
        String decidedBy,
        Instant decidedAt) {

    public boolean isDecided() {
        return outcome != null;
    }

    @Override
    public String toString() {
        return "Decision[referralId=" + referralId + ", outcome=" + outcome + "]";
    }
}
