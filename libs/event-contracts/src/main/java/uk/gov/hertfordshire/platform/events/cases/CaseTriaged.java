package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * Staff looked at a submitted case and accepted it as a valid request for its service, ready to be
 * assigned.
 *
 * @param caseId the case's UUID
 * @param serviceCode the service catalogue code
 * @param triagedAt when the case was triaged
 */
public record CaseTriaged(String caseId, String serviceCode, Instant triagedAt)
        implements DomainEvent {

    public static final EventType<CaseTriaged> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.triaged.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseTriaged.class);

    public CaseTriaged {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.required(triagedAt, "triagedAt");
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return triagedAt;
    }
}
