package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * The council finished the work a case asked for. Carries the submission and due times so a
 * consumer can tell time to resolve and whether the target was met without replaying the case.
 *
 * @param caseId the case's UUID
 * @param serviceCode the service catalogue code
 * @param submittedAt when the case was submitted
 * @param dueAt when the response target fell due, not before {@code submittedAt}, or null for a
 *     service without a target
 * @param resolvedAt when the case was resolved, not before {@code submittedAt}
 */
public record CaseResolved(
        String caseId, String serviceCode, Instant submittedAt, Instant dueAt, Instant resolvedAt)
        implements DomainEvent {

    public static final EventType<CaseResolved> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.resolved.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseResolved.class);

    public CaseResolved {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.required(submittedAt, "submittedAt");
        if (dueAt != null) {
            EventFields.notBefore(dueAt, "dueAt", submittedAt, "submittedAt");
        }
        EventFields.notBefore(resolvedAt, "resolvedAt", submittedAt, "submittedAt");
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return resolvedAt;
    }
}
