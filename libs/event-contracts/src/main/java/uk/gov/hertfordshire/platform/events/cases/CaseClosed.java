package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A case was closed: no more work or updates are expected unless it is reopened.
 *
 * @param caseId the case's UUID
 * @param serviceCode the service catalogue code
 * @param closedAt when the case was closed
 */
public record CaseClosed(String caseId, String serviceCode, Instant closedAt)
        implements DomainEvent {

    public static final EventType<CaseClosed> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.closed.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseClosed.class);

    public CaseClosed {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.required(closedAt, "closedAt");
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return closedAt;
    }
}
