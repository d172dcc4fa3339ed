package uk.gov.hertfordshire.care.referral;

import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.care.practitioner.PractitionerDirectory;
import uk.gov.hertfordshire.care.protection.AccessAudit;

/**
 * When SAP HR says a practitioner has left, or no longer holds the practitioner role, their
 * undecided referrals go back to the unassigned front-door queue, where the care manager's clock
 * view still shows them most urgent first: a referral must never wait on someone who is gone. Their
 * decided referrals keep their name, as the record of who worked them. Runs in the inbox
 * transaction; each change is audited as the service's own.
 */
@Component
class LeaversReferrals implements PractitionerDirectory.ChangeListener {

    /** The actor the audit names for these changes: SAP HR's change, not a person. */
    static final String ACTOR = "system|sap-hr";

    private final ReferralRepository referrals;
    private final AccessAudit audit;

    LeaversReferrals(ReferralRepository referrals, AccessAudit audit) {
        this.referrals = referrals;
        this.audit = audit;
    }

    @Override
    public void changed(PractitionerDirectory.Practitioner now) {
        if (now.canTakeReferrals()) {
            return;
        }
        referrals
                .unassignActive(now.staffId())
                .forEach(id -> audit.record(ACTOR, "referral.unassign", id, "leaver"));
    }
}
