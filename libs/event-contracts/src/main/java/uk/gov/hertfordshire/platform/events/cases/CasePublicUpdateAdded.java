package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * Staff posted an update on a case that the citizen and the public (Open311 request updates) can
 * see. The event says that an update exists, not what it says: its text stays in case-service.
 * Internal notes emit no event.
 *
 * @param caseId the case's UUID
 * @param serviceCode the service catalogue code
 * @param updateId the update's UUID
 * @param status the case's status when the update was posted, lower-case snake_case
 * @param postedAt when the update was posted
 */
public record CasePublicUpdateAdded(
        String caseId, String serviceCode, String updateId, String status, Instant postedAt)
        implements DomainEvent {

    public static final EventType<CasePublicUpdateAdded> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.public-update-added.v1",
                    Topics.CASES,
                    "/case-service",
                    CasePublicUpdateAdded.class);

    public CasePublicUpdateAdded {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.uuid(updateId, "updateId");
        EventFields.matching(status, EventFields.STATUS, "status");
        EventFields.required(postedAt, "postedAt");
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return postedAt;
    }
}
