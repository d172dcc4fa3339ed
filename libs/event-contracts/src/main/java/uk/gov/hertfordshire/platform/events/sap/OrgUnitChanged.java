package uk.gov.hertfordshire.platform.events.sap;

import java.time.Instant;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * An organisational unit (a team, the code staff carry as {@code teamCode}) was created or changed
 * in SAP HR: where it sits, the cost centre it charges to, and whether it is still active. Carries
 * the full current state of those facts, so a consumer keeps only the latest per org unit.
 *
 * @param orgUnitCode the org unit's code, as staff carry it in {@code teamCode}
 * @param parentCode the org unit it belongs to (the directorate), or null at the top
 * @param costCentre the SAP cost centre it charges to, or null if it has none
 * @param active false once the org unit is wound up
 * @param effectiveAt when the change takes effect
 */
public record OrgUnitChanged(
        String orgUnitCode,
        String parentCode,
        String costCentre,
        boolean active,
        Instant effectiveAt)
        implements DomainEvent {

    public static final EventType<OrgUnitChanged> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.sap.hr.org-unit-changed.v1",
                    Topics.SAP_HR,
                    "/sap-adapter",
                    OrgUnitChanged.class);

    public OrgUnitChanged {
        EventFields.matching(orgUnitCode, EventFields.CODE, "orgUnitCode");
        if (parentCode != null) {
            EventFields.matching(parentCode, EventFields.CODE, "parentCode");
        }
        if (costCentre != null) {
            EventFields.matching(costCentre, SapCodes.COST_CENTRE, "costCentre");
        }
        EventFields.required(effectiveAt, "effectiveAt");
    }

    @Override
    public String aggregateId() {
        return orgUnitCode;
    }

    @Override
    public Instant occurredAt() {
        return effectiveAt;
    }
}
