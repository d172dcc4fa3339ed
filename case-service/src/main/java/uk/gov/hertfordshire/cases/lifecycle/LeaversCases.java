package uk.gov.hertfordshire.cases.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.cases.directory.StaffDirectory;
import uk.gov.hertfordshire.cases.servicecase.CaseRepository;
import uk.gov.hertfordshire.cases.servicecase.ServiceCase;
import uk.gov.hertfordshire.platform.events.cases.CaseAssigned;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * When SAP HR says an officer has left or is inactive (or has moved team, or is no longer an
 * officer), each open case assigned to them that they can no longer work goes back to its team's
 * queue: assigned to the same team and to no one, with one {@code case.assigned} event (no
 * assignee) each, in the transaction that takes in the staff change. A change that leaves the
 * officer able to work their cases changes none of them.
 */
@Component
class LeaversCases implements StaffDirectory.ChangeListener {

    /** The author of the case updates this writes: SAP HR's change, not a person. */
    static final String AUTHOR = "sap-hr";

    private final CaseRepository cases;
    private final LifecycleRepository updates;
    private final Outbox outbox;
    private final Clock clock;

    LeaversCases(CaseRepository cases, LifecycleRepository updates, Outbox outbox, Clock clock) {
        this.cases = cases;
        this.updates = updates;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void changed(StaffDirectory.StaffMember now) {
        for (UUID id : cases.openAssignedTo(now.staffId())) {
            ServiceCase locked = cases.lock(id).orElseThrow();
            boolean stillTheirs = now.staffId().equals(locked.assigneeStaffId());
            if (!stillTheirs
                    || !CaseAction.ASSIGN.isAllowedFrom(locked.status())
                    || now.canWorkCasesFor(locked.teamCode())) {
                continue;
            }
            returnToTeamQueue(locked, now.staffId());
        }
    }

    private void returnToTeamQueue(ServiceCase locked, String staffId) {
        Instant at = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        cases.applyTransition(
                locked.id(),
                CaseAction.ASSIGN.name(),
                CaseAction.ASSIGN.to(),
                locked.teamCode(),
                null,
                locked.duplicateOf(),
                locked.dueAt(),
                at);
        updates.insertUpdate(
                new CaseUpdate(
                        UUID.randomUUID(),
                        locked.id(),
                        CaseAction.ASSIGN.to(),
                        null,
                        true,
                        AUTHOR,
                        at));
        updates.insertUpdate(
                new CaseUpdate(
                        UUID.randomUUID(),
                        locked.id(),
                        CaseAction.ASSIGN.to(),
                        "Back in the team's queue: SAP HR says officer "
                                + staffId
                                + " can no longer work "
                                + locked.teamCode()
                                + "'s cases.",
                        false,
                        AUTHOR,
                        at.plus(1, ChronoUnit.MICROS)));
        outbox.append(
                new CaseAssigned(
                        locked.id().toString(), locked.serviceCode(), locked.teamCode(), null, at));
    }
}
