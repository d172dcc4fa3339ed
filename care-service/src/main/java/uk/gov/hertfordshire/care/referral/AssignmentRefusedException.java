package uk.gov.hertfordshire.care.referral;

import org.springframework.http.HttpStatus;

/**
 * A referral could not be assigned: 404 for a referral the caller cannot see, 409 for one already
 * decided, 422 naming why the person cannot take it.
 */
public class AssignmentRefusedException extends RuntimeException {

    private final HttpStatus status;

    AssignmentRefusedException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
