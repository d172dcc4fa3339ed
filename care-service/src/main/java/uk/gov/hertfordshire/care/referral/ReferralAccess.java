package uk.gov.hertfordshire.care.referral;

import java.util.EnumSet;
import java.util.Set;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.support.security.AgencyScope;

/**
 * Who may read a referral: care staff (practitioners, care managers, admins) read any; a partner
 * agency reads only those its own agency sent (and is shown their status and outcome only); nobody
 * else, so an agent who records a phone referral gets its acknowledgement and no more.
 */
public final class ReferralAccess {

    static final Set<Role> CARE_STAFF =
            EnumSet.of(Role.PRACTITIONER, Role.CARE_MANAGER, Role.ADMIN);

    private ReferralAccess() {}

    public static boolean isCareStaff(Caller caller) {
        return CARE_STAFF.stream().anyMatch(caller::has);
    }

    /** Whether the caller may read this referral at all. */
    public static boolean mayRead(Caller caller, Referral referral) {
        return isCareStaff(caller) || AgencyScope.mayRead(caller, referral.agencyId());
    }
}
