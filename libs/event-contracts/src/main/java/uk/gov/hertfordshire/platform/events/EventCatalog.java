package uk.gov.hertfordshire.platform.events;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.gov.hertfordshire.platform.events.care.AccessAuditCounted;
import uk.gov.hertfordshire.platform.events.care.ClockApproaching;
import uk.gov.hertfordshire.platform.events.care.ClockBreached;
import uk.gov.hertfordshire.platform.events.care.PackageCommissioned;
import uk.gov.hertfordshire.platform.events.care.ReferralDecided;
import uk.gov.hertfordshire.platform.events.care.ReferralReceived;
import uk.gov.hertfordshire.platform.events.cases.CaseAssigned;
import uk.gov.hertfordshire.platform.events.cases.CaseClosed;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.events.cases.CaseMarkedDuplicate;
import uk.gov.hertfordshire.platform.events.cases.CasePublicUpdateAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseReopened;
import uk.gov.hertfordshire.platform.events.cases.CaseResolved;
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.CaseSupporterAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetApproaching;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.events.cases.CaseTriaged;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;
import uk.gov.hertfordshire.platform.events.content.AlertEnded;
import uk.gov.hertfordshire.platform.events.content.AlertRaised;
import uk.gov.hertfordshire.platform.events.content.ContentArchived;
import uk.gov.hertfordshire.platform.events.content.ContentPublished;
import uk.gov.hertfordshire.platform.events.content.ContentUnpublished;
import uk.gov.hertfordshire.platform.events.content.ContributionModerated;
import uk.gov.hertfordshire.platform.events.content.ContributionSubmitted;
import uk.gov.hertfordshire.platform.events.content.FeedbackReceived;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRecorded;
import uk.gov.hertfordshire.platform.events.sap.FinancePostingRejected;
import uk.gov.hertfordshire.platform.events.sap.OrgUnitChanged;
import uk.gov.hertfordshire.platform.events.sap.ReconciliationMismatchFound;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;

/**
 * The one registry of event types. Wire type names map to payload records here and nowhere else, so
 * renaming a class never changes what is on the wire.
 */
public final class EventCatalog {

    /** Every event type, grouped by topic. */
    public static final List<EventType<?>> ALL =
            List.of(
                    CaseSubmitted.TYPE,
                    CaseTriaged.TYPE,
                    CaseAssigned.TYPE,
                    CaseStatusChanged.TYPE,
                    CasePublicUpdateAdded.TYPE,
                    CaseResolved.TYPE,
                    CaseClosed.TYPE,
                    CaseReopened.TYPE,
                    CaseMarkedDuplicate.TYPE,
                    CaseTargetApproaching.TYPE,
                    CaseTargetBreached.TYPE,
                    CaseFeePaid.TYPE,
                    CaseSupporterAdded.TYPE,
                    ServiceDefinitionChanged.TYPE,
                    ContentPublished.TYPE,
                    ContentUnpublished.TYPE,
                    ContentArchived.TYPE,
                    FeedbackReceived.TYPE,
                    ContributionSubmitted.TYPE,
                    ContributionModerated.TYPE,
                    AlertRaised.TYPE,
                    AlertEnded.TYPE,
                    ReferralReceived.TYPE,
                    ReferralDecided.TYPE,
                    ClockApproaching.TYPE,
                    ClockBreached.TYPE,
                    PackageCommissioned.TYPE,
                    AccessAuditCounted.TYPE,
                    StaffMemberChanged.TYPE,
                    OrgUnitChanged.TYPE,
                    FinancePostingRecorded.TYPE,
                    FinancePostingRejected.TYPE,
                    ReconciliationMismatchFound.TYPE);

    private static final Map<String, EventType<?>> BY_TYPE = new LinkedHashMap<>();

    private static final Map<Class<?>, EventType<?>> BY_PAYLOAD = new LinkedHashMap<>();

    static {
        Set<String> dataschemas = new HashSet<>();
        for (EventType<?> eventType : ALL) {
            if (BY_TYPE.put(eventType.type(), eventType) != null) {
                throw new IllegalStateException("duplicate event type " + eventType.type());
            }
            if (BY_PAYLOAD.put(eventType.payloadClass(), eventType) != null) {
                throw new IllegalStateException(
                        "payload " + eventType.payloadClass().getName() + " has two types");
            }
            if (!dataschemas.add(eventType.dataschema().toString())) {
                throw new IllegalStateException("duplicate dataschema " + eventType.dataschema());
            }
        }
    }

    private EventCatalog() {}

    /** The event type with this wire name, or empty for a type this catalog does not know. */
    public static Optional<EventType<?>> findByType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /**
     * The event type with this wire name.
     *
     * @throws IllegalArgumentException if there is none
     */
    public static EventType<?> byType(String type) {
        return findByType(type)
                .orElseThrow(
                        () -> new IllegalArgumentException("Unknown event type '" + type + "'"));
    }

    /**
     * The event type whose payload is this record.
     *
     * @throws IllegalArgumentException if the class is not registered
     */
    @SuppressWarnings("unchecked")
    public static <T extends DomainEvent> EventType<T> byPayload(Class<T> payloadClass) {
        EventType<?> eventType = BY_PAYLOAD.get(payloadClass);
        if (eventType == null) {
            throw new IllegalArgumentException(
                    payloadClass.getName() + " is not registered in the event catalog");
        }
        return (EventType<T>) eventType;
    }

    /** The event type of this event. */
    public static EventType<?> of(DomainEvent event) {
        return byPayload(event.getClass());
    }

    /** The event types published on one topic. */
    public static List<EventType<?>> onTopic(String topic) {
        return ALL.stream().filter(eventType -> eventType.topic().equals(topic)).toList();
    }
}
