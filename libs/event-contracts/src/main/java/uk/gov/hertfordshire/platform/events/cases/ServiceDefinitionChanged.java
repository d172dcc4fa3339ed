package uk.gov.hertfordshire.platform.events.cases;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A service in the catalogue was created, changed or withdrawn. Carries the full current state of
 * the facts below, so a consumer keeps only the latest per service code and can name services and
 * teams without reading case-service's tables. Descriptions, keywords and questions are not
 * carried.
 *
 * @param serviceCode the service catalogue code (the Open311 service_code); the aggregate id
 * @param name the service's public name, one line, at most 200 characters
 * @param group the catalogue group it is listed under (the Open311 group), one line, at most 100
 *     characters
 * @param teamCode the team responsible for the service's cases
 * @param publicRealm true for a service about a place (a pothole), false for one about a person (a
 *     blue badge)
 * @param availableOnline whether citizens can request it on the web and in the app
 * @param availableOpen311 whether third-party apps can request it through Open311
 * @param feePence the fee in pence, zero or more, or null for a service without a fee
 * @param responseTarget the response target, more than zero, in {@code responseUnit}
 * @param responseUnit {@code working_hours} or {@code working_days}
 * @param withdrawn whether the service no longer takes new cases
 * @param changedAt when the change was made
 */
public record ServiceDefinitionChanged(
        String serviceCode,
        String name,
        String group,
        String teamCode,
        boolean publicRealm,
        boolean availableOnline,
        boolean availableOpen311,
        Integer feePence,
        int responseTarget,
        String responseUnit,
        boolean withdrawn,
        Instant changedAt)
        implements DomainEvent {

    public static final EventType<ServiceDefinitionChanged> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.case.service-definition-changed.v1",
                    Topics.CASES,
                    "/case-service",
                    ServiceDefinitionChanged.class);

    /** Response target in working hours. */
    public static final String WORKING_HOURS = "working_hours";

    /** Response target in working days. */
    public static final String WORKING_DAYS = "working_days";

    /** Every response unit, in a stable order. */
    public static final List<String> RESPONSE_UNITS = List.of(WORKING_HOURS, WORKING_DAYS);

    /** The longest name, in characters. */
    public static final int MAX_NAME_LENGTH = 200;

    /** The longest group, in characters. */
    public static final int MAX_GROUP_LENGTH = 100;

    public ServiceDefinitionChanged {
        EventFields.matching(serviceCode, EventFields.CODE, "serviceCode");
        EventFields.label(name, MAX_NAME_LENGTH, "name");
        EventFields.label(group, MAX_GROUP_LENGTH, "group");
        EventFields.matching(teamCode, EventFields.CODE, "teamCode");
        if (feePence != null && feePence < 0) {
            throw new IllegalArgumentException("feePence must not be negative but was " + feePence);
        }
        if (responseTarget <= 0) {
            throw new IllegalArgumentException(
                    "responseTarget must be more than zero but was " + responseTarget);
        }
        EventFields.oneOf(responseUnit, RESPONSE_UNITS, "responseUnit");
        EventFields.required(changedAt, "changedAt");
    }

    @Override
    public String aggregateId() {
        return serviceCode;
    }

    @Override
    public Instant occurredAt() {
        return changedAt;
    }
}
