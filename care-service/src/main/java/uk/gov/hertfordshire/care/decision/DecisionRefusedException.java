package uk.gov.hertfordshire.care.decision;

/** A proposal or decision the referral's state does not allow (409). */
public class DecisionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DecisionRefusedException(String message) {
        super(message);
    }
}
