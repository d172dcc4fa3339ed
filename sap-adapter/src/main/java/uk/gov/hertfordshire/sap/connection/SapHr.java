package uk.gov.hertfordshire.sap.connection;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** SAP HR as the adapter needs it: staff and org units changed since a moment, page by page. */
public interface SapHr {

    /**
     * Reads every staff member changed at or after {@code since} (everyone when null), oldest
     * change first, handing over one page at a time so a caller can commit as it goes.
     *
     * @throws SapUnavailableException when SAP did not answer
     */
    void employeesChangedSince(Instant since, Consumer<List<Employee>> page);

    /**
     * Reads every org unit (team) changed at or after {@code since} (all when null), oldest change
     * first, a page at a time.
     *
     * @throws SapUnavailableException when SAP did not answer
     */
    void orgUnitsChangedSince(Instant since, Consumer<List<OrgUnit>> page);

    /**
     * An org unit as SAP HR holds it; its name is not read.
     *
     * @param code the org unit's code (what staff carry as their team)
     * @param parentCode the org unit above it (the directorate), or null
     * @param costCentre its cost centre, or null
     * @param active false once wound up
     * @param changedAt when HR last changed it
     */
    record OrgUnit(
            String code, String parentCode, String costCentre, boolean active, Instant changedAt) {}

    /**
     * A staff member as SAP HR holds them. Names and emails are not read at all: the platform never
     * needs them.
     *
     * @param staffId the personnel number
     * @param teamCode the department (team)
     * @param costCentre the cost centre, or null
     * @param roles the platform roles HR maintains for them
     * @param active false once they have left
     * @param changedAt when HR last changed them
     */
    record Employee(
            String staffId,
            String teamCode,
            String costCentre,
            List<String> roles,
            boolean active,
            Instant changedAt) {}
}
