package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A resolved or closed case was opened again, with a new response target.
 *
 * @param caseId the case's UUID
 * @param serviceCode the service catalogue code
 * @param fromStatus the status the case was reopened from, lower-case snake_case
 * @param dueAt when the new response target falls due, not before {@code reopenedAt}, or null for a
 *     service without a target
 * @param reopenedAt when the case was reopened
 */
public record CaseReopened(
        String caseId, String serviceCode, String fromStatus, Instant dueAt, Instant reopenedAt)
        implements DomainEvent {

    public static final EventType<CaseReopened> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.reopened.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseReopened.class);

    public CaseReopened {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.matching(fromStatus, EventFields.STATUS, "fromStatus");
        EventFields.required(reopenedAt, "reopenedAt");
        if (dueAt != null) {
            EventFields.notBefore(dueAt, "dueAt", reopenedAt, "reopenedAt");
        }
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return reopenedAt;
    }
}
