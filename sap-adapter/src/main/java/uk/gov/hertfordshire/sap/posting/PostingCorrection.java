package uk.gov.hertfordshire.sap.posting;

import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.platform.events.sap.SapCodes;

/**
 * Corrects a rejected posting's GL account or cost centre and makes it pending again. Only those
 * two may change: the amount, date and reference are what the event said, and stay.
 */
@Service
class PostingCorrection {

    /** Why a re-submission was refused. */
    enum Reason {
        NOT_FOUND,
        VERSION_REQUIRED,
        STALE_VERSION,
        NOT_REJECTED
    }

    static final class Refused extends RuntimeException {
        private final Reason reason;

        Refused(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }

    private final PostingLedger ledger;
    private final Clock clock;

    PostingCorrection(PostingLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * @param version the version the correction was made to (If-Match), null if not given
     * @throws IllegalArgumentException for an account or cost centre SAP could not hold
     */
    @Transactional
    Posting resubmit(UUID id, Integer version, PostingController.Correction correction) {
        if (correction.glAccount() != null
                && !SapCodes.GL_ACCOUNT.matcher(correction.glAccount()).matches()) {
            throw new IllegalArgumentException("glAccount must be one to ten digits");
        }
        if (correction.costCentre() != null
                && !SapCodes.COST_CENTRE.matcher(correction.costCentre()).matches()) {
            throw new IllegalArgumentException(
                    "costCentre must be one to ten upper-case letters or digits");
        }
        Posting current =
                ledger.find(id)
                        .orElseThrow(
                                () -> new Refused(Reason.NOT_FOUND, "No posting has this id."));
        if (current.state() != PostingState.REJECTED) {
            throw new Refused(
                    Reason.NOT_REJECTED,
                    "Only a rejected posting can be re-submitted; this one is "
                            + current.state().wireValue()
                            + ".");
        }
        if (version == null) {
            throw new Refused(
                    Reason.VERSION_REQUIRED,
                    "Send If-Match with the ETag of the posting you are correcting (read it first).");
        }
        String glAccount =
                correction.glAccount() == null ? current.glAccount() : correction.glAccount();
        String costCentre =
                correction.costCentre() == null ? current.costCentre() : correction.costCentre();
        if (!ledger.resubmit(id, version, glAccount, costCentre, clock.instant())) {
            throw new Refused(
                    Reason.STALE_VERSION,
                    "The posting has changed since version "
                            + version
                            + "; read it again and re-apply the correction.");
        }
        return ledger.find(id).orElseThrow();
    }
}
