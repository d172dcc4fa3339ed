package uk.gov.hertfordshire.sap.connection;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/**
 * A posting SAP may have received: the call timed out, the connection broke after the request went,
 * or SAP answered with a server error that may come after the posting was processed (500, 502, 504)
 * or with an answer that cannot be read. SAP may hold the posting, or may still be processing it
 * and hold it later: it must not be sent again until SAP has had longer than it takes to process
 * one, and then only if a look-up by its reference does not find it.
 *
 * <p>A plain {@link SapUnavailableException} from a post or commit means SAP did not take the
 * request in: no connection was made, the circuit breaker held the call back, or SAP refused it
 * before processing (401, 403, 429, 503 from the web dispatcher, another 4xx).
 */
public class SapOutcomeUnknownException extends SapUnavailableException {

    public SapOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }

    public SapOutcomeUnknownException(String message) {
        super(message);
    }

    /**
     * SAP's failure answer ({@code status}) to a posting: the outcome is unknown for a server error
     * other than 503, which SAP's web dispatcher answers without passing the request on.
     */
    static SapUnavailableException answered(int status, String what) {
        String message = "SAP answered " + status + " to " + what;
        return status >= 500 && status != 503
                ? new SapOutcomeUnknownException(message + "; it may have processed it")
                : new SapUnavailableException(message);
    }

    /**
     * A posting's call that failed without an answer: not sent if no connection was made, otherwise
     * (a timeout, a connection reset after the request went) the outcome is unknown.
     */
    static SapUnavailableException unanswered(String what, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnknownHostException) {
                return new SapUnavailableException("SAP could not be reached for " + what, failure);
            }
        }
        return new SapOutcomeUnknownException(
                "SAP did not answer " + what + "; it may have processed it", failure);
    }
}
