package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * Staff marked a case as a duplicate of another case and merged it into that one; work continues on
 * the other case only.
 *
 * @param caseId the duplicate case's UUID
 * @param serviceCode the duplicate case's service catalogue code
 * @param duplicateOfCaseId the UUID of the case it duplicates, different from {@code caseId}
 * @param markedAt when the case was marked as a duplicate
 */
public record CaseMarkedDuplicate(
        String caseId, String serviceCode, String duplicateOfCaseId, Instant markedAt)
        implements DomainEvent {

    public static final EventType<CaseMarkedDuplicate> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.marked-duplicate.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseMarkedDuplicate.class);

    public CaseMarkedDuplicate {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.uuid(duplicateOfCaseId, "duplicateOfCaseId");
        EventFields.required(markedAt, "markedAt");
        if (duplicateOfCaseId.equals(caseId)) {
            throw new IllegalArgumentException(
                    "a case cannot duplicate itself: duplicateOfCaseId equals caseId " + caseId);
        }
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return markedAt;
    }
}
