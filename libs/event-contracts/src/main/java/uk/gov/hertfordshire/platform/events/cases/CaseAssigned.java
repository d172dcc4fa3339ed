package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A case was assigned to a team, and possibly to one officer in it. A reassignment is another of
 * these events; the latest one is the current assignment.
 *
 * @param caseId the case's UUID
 * @param serviceCode the service catalogue code
 * @param teamCode the team now responsible for the case
 * @param assigneeStaffId SAP personnel number of the officer now working the case, or null when it
 *     is assigned to the team only
 * @param assignedAt when the case was assigned
 */
public record CaseAssigned(
        String caseId,
        String serviceCode,
        String teamCode,
        String assigneeStaffId,
        Instant assignedAt)
        implements DomainEvent {

    public static final EventType<CaseAssigned> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.assigned.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseAssigned.class);

    public CaseAssigned {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.matching(teamCode, EventFields.CODE, "teamCode");
        if (assigneeStaffId != null) {
            EventFields.matching(
                    assigneeStaffId, EventFields.SAP_PERSONNEL_NUMBER, "assigneeStaffId");
        }
        EventFields.required(assignedAt, "assignedAt");
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return assignedAt;
    }
}
