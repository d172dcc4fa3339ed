package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * An open case's response target will soon fall due. Emitted once per due time, before it passes; a
 * case found already past its due time emits {@link CaseTargetBreached} instead.
 *
 * @param caseId the case's UUID
 * @param serviceCode the service catalogue code
 * @param dueAt when the response target falls due, not before {@code detectedAt}
 * @param detectedAt when case-service noticed the target approaching
 */
public record CaseTargetApproaching(
        String caseId, String serviceCode, Instant dueAt, Instant detectedAt)
        implements DomainEvent {

    public static final EventType<CaseTargetApproaching> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.target-approaching.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseTargetApproaching.class);

    public CaseTargetApproaching {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.notBefore(dueAt, "dueAt", detectedAt, "detectedAt");
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return detectedAt;
    }
}
