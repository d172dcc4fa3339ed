package uk.gov.hertfordshire.cases.lifecycle;

import static uk.gov.hertfordshire.cases.servicecase.CaseStatus.ASSIGNED;
import static uk.gov.hertfordshire.cases.servicecase.CaseStatus.CLOSED;
import static uk.gov.hertfordshire.cases.servicecase.CaseStatus.DUPLICATE;
import static uk.gov.hertfordshire.cases.servicecase.CaseStatus.IN_PROGRESS;
import static uk.gov.hertfordshire.cases.servicecase.CaseStatus.REJECTED;
import static uk.gov.hertfordshire.cases.servicecase.CaseStatus.REOPENED;
import static uk.gov.hertfordshire.cases.servicecase.CaseStatus.RESOLVED;
import static uk.gov.hertfordshire.cases.servicecase.CaseStatus.SUBMITTED;
import static uk.gov.hertfordshire.cases.servicecase.CaseStatus.TRIAGED;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;

/**
 * What staff can do to a case: the lifecycle's state machine. Each action leads to one status and
 * is allowed only from the statuses listed; anything else is refused with 409.
 *
 * <pre>
 * submitted ─triage→ triaged ─assign→ assigned ─start→ in_progress ─resolve→ resolved ─close→ closed
 *     │                 │  └──────────resolve──────────────────────────┘   ▲      │                │
 *     └─reject→ rejected┘                                                  │   reopen←───────────┘
 *  (submitted … in_progress, reopened) ─mark-duplicate→ duplicate          └─resolve─ reopened
 * </pre>
 */
public enum CaseAction {
    TRIAGE(TRIAGED, EnumSet.of(SUBMITTED)),
    /** Assign, or reassign, to a team and optionally an officer in it. */
    ASSIGN(ASSIGNED, EnumSet.of(TRIAGED, ASSIGNED, IN_PROGRESS, REOPENED)),
    START(IN_PROGRESS, EnumSet.of(ASSIGNED)),
    RESOLVE(RESOLVED, EnumSet.of(TRIAGED, ASSIGNED, IN_PROGRESS, REOPENED)),
    CLOSE(CLOSED, EnumSet.of(RESOLVED)),
    REOPEN(REOPENED, EnumSet.of(RESOLVED, CLOSED)),
    REJECT(REJECTED, EnumSet.of(SUBMITTED, TRIAGED)),
    MARK_DUPLICATE(DUPLICATE, EnumSet.of(SUBMITTED, TRIAGED, ASSIGNED, IN_PROGRESS, REOPENED));

    private final CaseStatus to;
    private final Set<CaseStatus> from;

    CaseAction(CaseStatus to, Set<CaseStatus> from) {
        this.to = to;
        this.from = from;
    }

    /** The status a case is in after this action. */
    public CaseStatus to() {
        return to;
    }

    /** The statuses this action is allowed from. */
    public Set<CaseStatus> allowedFrom() {
        return EnumSet.copyOf(from);
    }

    /** Whether a case in this status may have this action applied. */
    public boolean isAllowedFrom(CaseStatus status) {
        return from.contains(status);
    }

    /**
     * The action with this name in URLs.
     *
     * @throws IllegalArgumentException for a name that is no action
     */
    public static CaseAction fromWire(String name) {
        for (CaseAction action : values()) {
            if (action.wireValue().equals(name)) {
                return action;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an action on a case");
    }

    /** The action's name in URLs and messages, e.g. {@code mark-duplicate}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
