package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A case moved from one status to another. A transition with an event type of its own (triaged,
 * assigned, resolved, closed, reopened, marked duplicate) emits that event instead of this one;
 * this one covers the rest, such as to {@code in_progress} or {@code rejected}.
 *
 * @param caseId the case's UUID
 * @param fromStatus the status before, lower-case snake_case
 * @param toStatus the status after, lower-case snake_case, different from {@code fromStatus}
 * @param changedAt when the status changed
 */
public record CaseStatusChanged(
        String caseId, String fromStatus, String toStatus, Instant changedAt)
        implements DomainEvent {

    public static final EventType<CaseStatusChanged> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.status-changed.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseStatusChanged.class);

    public CaseStatusChanged {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(fromStatus, EventFields.STATUS, "fromStatus");
        EventFields.matching(toStatus, EventFields.STATUS, "toStatus");
        EventFields.required(changedAt, "changedAt");
        if (fromStatus.equals(toStatus)) {
            throw new IllegalArgumentException(
                    "a status change needs two different statuses, both were " + toStatus);
        }
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return changedAt;
    }
}
