package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A citizen joined an existing case instead of opening a new one: they said "me too" to a likely
 * duplicate, or staff merged their duplicate report into it. It is a contact through {@code
 * channel} like a {@link CaseSubmitted}, so channel-shift figures count it; who the supporter is
 * stays in case-service.
 *
 * @param caseId the UUID of the case joined
 * @param serviceCode the service catalogue code of the case joined
 * @param channel how the supporter made contact
 * @param addedAt when the supporter was added to the case
 */
public record CaseSupporterAdded(
        String caseId, String serviceCode, Channel channel, Instant addedAt)
        implements DomainEvent {

    public static final EventType<CaseSupporterAdded> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.supporter-added.v1",
                    Topics.CASES,
                    "/case-service",
                    CaseSupporterAdded.class);

    public CaseSupporterAdded {
        EventFields.uuid(caseId, "caseId");
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.required(channel, "channel");
        EventFields.required(addedAt, "addedAt");
    }

    @Override
    public String aggregateId() {
        return caseId;
    }

    @Override
    public Instant occurredAt() {
        return addedAt;
    }
}
