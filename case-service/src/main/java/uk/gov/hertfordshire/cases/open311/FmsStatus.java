package uk.gov.hertfordshire.cases.open311;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import uk.gov.hertfordshire.cases.lifecycle.CaseAction;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;

/**
 * The statuses of mySociety's Open311 extension ("Open311 FMS — additional states"), which
 * FixMyStreet reads from {@code servicerequestupdates} and sends, in upper case, with {@code POST
 * servicerequestupdates}. GeoReport v2's own reads keep its two statuses ({@link Open311Status});
 * the extension's updates say more, and carry the case's own status as {@code
 * external_status_code}. The case-service README tabulates both directions.
 */
enum FmsStatus {
    OPEN,
    CLOSED,
    FIXED,
    IN_PROGRESS,
    ACTION_SCHEDULED,
    INVESTIGATING,
    DUPLICATE,
    NOT_COUNCILS_RESPONSIBILITY,
    NO_FURTHER_ACTION,
    INTERNAL_REFERRAL,
    REOPEN,
    FOR_TRIAGE;

    /** As {@code servicerequestupdates} shows it: lower case, e.g. {@code action_scheduled}. */
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What a case in this status is called in the extension. The lifecycle has no status of its own
     * for "not the council's responsibility" or "internal referral": such a case is rejected with a
     * note saying why (shown as {@code no_further_action}), or assigned to another team.
     */
    static FmsStatus of(CaseStatus status) {
        return switch (status) {
            case SUBMITTED, REOPENED -> OPEN;
            case TRIAGED -> INVESTIGATING;
            case ASSIGNED -> ACTION_SCHEDULED;
            case IN_PROGRESS -> IN_PROGRESS;
            // A case is closed only after it was resolved: closed is "fixed", confirmed.
            case RESOLVED, CLOSED -> FIXED;
            case REJECTED -> NO_FURTHER_ACTION;
            case DUPLICATE -> DUPLICATE;
        };
    }

    /**
     * The action a citizen's update with this status asks for: the reporter says the problem is
     * fixed ({@code FIXED}, or {@code CLOSED} from a client without the extension), or that it is
     * not ({@code REOPEN}, or {@code OPEN}). Any other status is the council's decision, which an
     * app only echoes back: it changes nothing.
     *
     * @return {@link CaseAction#RESOLVE}, {@link CaseAction#REOPEN}, or null
     */
    CaseAction carried() {
        return switch (this) {
            case FIXED, CLOSED -> CaseAction.RESOLVE;
            case REOPEN, OPEN -> CaseAction.REOPEN;
            default -> null;
        };
    }

    /**
     * @throws Open311Exception 400 naming the allowed values (in any case: FixMyStreet sends upper)
     */
    static FmsStatus fromUpdate(String value) {
        for (FmsStatus status : values()) {
            if (status.name().equalsIgnoreCase(value)) {
                return status;
            }
        }
        throw Open311Exception.badRequest(
                "status must be one of "
                        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                        + ".");
    }
}
