package uk.gov.hertfordshire.platform.events.care;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A care manager decided a referral. Codes and times only: the reasons stay in care-service.
 *
 * @param referralId the referral's UUID
 * @param agencyId the referring agency (or fixed source code such as {@code self})
 * @param category one of {@link ReferralReceived#CATEGORIES}
 * @param outcome one of {@link #OUTCOMES}
 * @param receivedAt when the referral was received, for timeliness
 * @param decidedAt when it was decided, not before {@code receivedAt}
 */
public record ReferralDecided(
        String referralId,
        String agencyId,
        String category,
        String outcome,
        Instant receivedAt,
        Instant decidedAt)
        implements DomainEvent {

    public static final EventType<ReferralDecided> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.care.referral-decided.v1",
                    Topics.CARE,
                    "/care-service",
                    ReferralDecided.class);

    /** The decisions a referral can end in. */
    public static final List<String> OUTCOMES =
            List.of(
                    "no_further_action",
                    "advice_signposting",
                    "early_help",
                    "child_and_family_assessment",
                    "strategy_discussion_s47",
                    "adult_needs_assessment",
                    "s42_enquiry");

    public ReferralDecided {
        EventFields.uuid(referralId, "referralId");
        EventFields.matching(agencyId, EventFields.CODE, "agencyId");
        EventFields.oneOf(category, ReferralReceived.CATEGORIES, "category");
        EventFields.oneOf(outcome, OUTCOMES, "outcome");
        EventFields.required(receivedAt, "receivedAt");
        EventFields.required(decidedAt, "decidedAt");
        if (decidedAt.isBefore(receivedAt)) {
            throw new IllegalArgumentException("decidedAt is before receivedAt");
        }
    }

    @Override
    public String aggregateId() {
        return referralId;
    }

    @Override
    public Instant occurredAt() {
        return decidedAt;
    }
}
