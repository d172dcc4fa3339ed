package uk.gov.hertfordshire.platform.support.security;

import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;

/**
 * A partner agency sees only what its own agency sent (a referral's status and outcome, say),
 * decided here once for every service that keeps records on a partner's behalf. This rule grants
 * nothing to anyone else: what staff may read is the owning service's own rule.
 */
public final class AgencyScope {

    private AgencyScope() {}

    /**
     * Whether the caller may read a record through the partner rule.
     *
     * @param caller the authenticated caller
     * @param owningAgencyId the {@code agency_id} of the agency that sent the record, or null if no
     *     agency did
     * @return true only for a PARTNER caller whose agency is the owning agency
     */
    public static boolean mayRead(Caller caller, String owningAgencyId) {
        if (caller == null || !caller.has(Role.PARTNER)) {
            return false;
        }
        // CallerPolicy already refuses PARTNER without an agency; this stays safe without it.
        String agency = caller.agencyId();
        return agency != null && !agency.isBlank() && agency.equals(owningAgencyId);
    }
}
