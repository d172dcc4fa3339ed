package uk.gov.hertfordshire.platform.events.care;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A partner agency's care referral was received. Carries a pseudonymous id, the sending agency and
 * a category only: no names, dates of birth, addresses or narrative.
 *
 * @param referralId the referral's UUID
 * @param agencyId the sending partner agency, as its {@code agency_id} token claim names it
 * @param category one of {@link #CATEGORIES}
 * @param receivedAt when the referral was received
 */
public record ReferralReceived(
        String referralId, String agencyId, String category, Instant receivedAt)
        implements DomainEvent {

    public static final EventType<ReferralReceived> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.care.referral-received.v1",
                    Topics.CARE,
                    "/care-service",
                    ReferralReceived.class);

    /** The referral categories. */
    public static final List<String> CATEGORIES =
            List.of(
                    "adult_safeguarding",
                    "child_protection",
                    "adult_social_care_assessment",
                    "child_in_need",
                    "early_help");

    public ReferralReceived {
        EventFields.uuid(referralId, "referralId");
        EventFields.matching(agencyId, EventFields.CODE, "agencyId");
        EventFields.oneOf(category, CATEGORIES, "category");
        EventFields.required(receivedAt, "receivedAt");
    }

    @Override
    public String aggregateId() {
        return referralId;
    }

    @Override
    public Instant occurredAt() {
        return receivedAt;
    }
}
