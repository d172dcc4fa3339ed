package uk.gov.hertfordshire.cases.catalogue;

/** A catalogue change that cannot be made as asked, for a reason other than invalid fields. */
final class CatalogueRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why, each answered with its own HTTP status by the controller. */
    enum Reason {
        /** No service has this code (404). */
        NOT_FOUND,
        /** The code is already taken, perhaps by a withdrawn service (409). */
        CODE_TAKEN,
        /** The service is withdrawn and can no longer change (409). */
        WITHDRAWN,
        /** The change did not say which version it was made to (428). */
        VERSION_REQUIRED,
        /** The change was made to a version that is no longer current (412). */
        STALE_VERSION
    }

    private final Reason reason;

    CatalogueRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
