package uk.gov.hertfordshire.sap.connection;

/**
 * SAP did not answer, or answered with a failure of its own (timeout, connection refused, 5xx, a
 * logon failure). For a posting the outcome is unknown if it is a {@link
 * SapOutcomeUnknownException}: SAP may have committed it; otherwise SAP did not take the posting
 * in.
 */
public class SapUnavailableException extends RuntimeException {

    public SapUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SapUnavailableException(String message) {
        super(message);
    }
}
