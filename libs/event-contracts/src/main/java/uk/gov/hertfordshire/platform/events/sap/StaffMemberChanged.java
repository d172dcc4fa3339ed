package uk.gov.hertfordshire.platform.events.sap;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A staff member's team, roles or active state changed in SAP HR. Carries the full current state of
 * those facts, so a consumer keeps only the latest per staff id.
 *
 * @param staffId the SAP personnel number, eight digits
 * @param teamCode the team the staff member belongs to
 * @param roleCodes the platform roles held, possibly none, no repeats
 * @param active whether the staff member may work cases and referrals
 * @param effectiveAt when the change takes effect
 */
public record StaffMemberChanged(
        String staffId,
        String teamCode,
        List<String> roleCodes,
        boolean active,
        Instant effectiveAt)
        implements DomainEvent {

    public static final EventType<StaffMemberChanged> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.sap.hr.staff-member-changed.v1",
                    Topics.SAP_HR,
                    "/sap-adapter",
                    StaffMemberChanged.class);

    public StaffMemberChanged {
        EventFields.matching(staffId, EventFields.SAP_PERSONNEL_NUMBER, "staffId");
        EventFields.matching(teamCode, EventFields.CODE, "teamCode");
        roleCodes = EventFields.distinct(roleCodes, "roleCodes");
        roleCodes.forEach(role -> EventFields.matching(role, EventFields.CODE, "roleCodes"));
        EventFields.required(effectiveAt, "effectiveAt");
    }

    @Override
    public String aggregateId() {
        return staffId;
    }

    @Override
    public Instant occurredAt() {
        return effectiveAt;
    }
}
