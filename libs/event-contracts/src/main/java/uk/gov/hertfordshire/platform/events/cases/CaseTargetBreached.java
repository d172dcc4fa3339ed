package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * An open case's response target passed before the case was resolved: it is overdue. Emitted once
 * per due time.
 *
 * @param caseId the case's UUID
 * @param serviceCode the service catalogue code
 * @param dueAt when the response target fell due, before {@code detectedAt}
 * @param detectedAt when case-service noticed the case overdue
 */
public record CaseTargetBreached(
        String caseId, String serviceCode, Instant dueAt, Instant detectedAt)
        implements DomainEvent {

    public static final EventType<CaseTargetBreached> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.target-breached.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseTargetBreached.class);

    public CaseTargetBreached {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.required(dueAt, "dueAt");
        EventFields.required(detectedAt, "detectedAt");
        if (!detectedAt.isAfter(dueAt)) {
            throw new IllegalArgumentException(
                    "a target is breached only after it falls due, but detectedAt "
                            + detectedAt
                            + " is not after dueAt "
                            + dueAt);
        }
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
