package uk.gov.hertfordshire.cases.lifecycle;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What staff may send with an action. Every field is optional in the body; which ones an action
 * uses is checked by {@link #requireFitsAction}: a team only for assign, a duplicate only for
 * mark-duplicate (where it is required), and a public note required to reject (the citizen is told
 * why).
 *
 * @param teamCode the team to assign to (assign; default: the service's responsible team)
 * @param assigneeStaffId an active officer in that team (assign; optional)
 * @param duplicateOf the open case this one duplicates (mark-duplicate)
 * @param publicNote what the citizen is told
 * @param internalNote a note only staff see
 */
public record ActionRequest(
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}") String teamCode,
        @Pattern(regexp = "[0-9]{8}") String assigneeStaffId,
        UUID duplicateOf,
        @Size(min = 1, max = 2000) String publicNote,
        @Size(min = 1, max = 2000) String internalNote) {

    /** An action with nothing but the action itself. */
    public static final ActionRequest NONE = new ActionRequest(null, null, null, null, null);

    void requireFitsAction(CaseAction action) {
        List<String> problems = new ArrayList<>();
        if (action != CaseAction.ASSIGN) {
            if (teamCode != null) {
                problems.add("teamCode is only for assign");
            }
            if (assigneeStaffId != null) {
                problems.add("assigneeStaffId is only for assign");
            }
        }
        if (action == CaseAction.MARK_DUPLICATE && duplicateOf == null) {
            problems.add("duplicateOf is required to mark a case as a duplicate");
        }
        if (action != CaseAction.MARK_DUPLICATE && duplicateOf != null) {
            problems.add("duplicateOf is only for mark-duplicate");
        }
        if (action == CaseAction.REJECT && publicNote == null) {
            problems.add("publicNote is required to reject a case: the citizen is told why");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
