package uk.gov.hertfordshire.platform.events.care;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A referral's statutory or local clock will soon fall due. Emitted once per clock, by whichever
 * care-service instance claims it first.
 *
 * @param referralId the referral's UUID
 * @param clock one of {@link #CLOCKS}
 * @param dueAt when the clock falls due, in working time
 * @param detectedAt when care-service noticed
 */
public record ClockApproaching(String referralId, String clock, Instant dueAt, Instant detectedAt)
        implements DomainEvent {

    public static final EventType<ClockApproaching> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.care.clock-approaching.v1",
                    Topics.CARE,
                    "/care-service",
                    ClockApproaching.class);

    /** The clocks: RAG triage, the two decision targets and the child and family assessment. */
    public static final List<String> CLOCKS =
            List.of("triage", "child_decision", "s42_decision", "child_and_family_assessment");

    public ClockApproaching {
        EventFields.uuid(referralId, "referralId");
        EventFields.oneOf(clock, CLOCKS, "clock");
        EventFields.required(dueAt, "dueAt");
        EventFields.required(detectedAt, "detectedAt");
    }

    @Override
    public String aggregateId() {
        return referralId;
    }

    @Override
    public Instant occurredAt() {
        return detectedAt;
    }
}
