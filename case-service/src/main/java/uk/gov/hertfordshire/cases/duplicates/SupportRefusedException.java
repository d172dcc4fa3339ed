package uk.gov.hertfordshire.cases.duplicates;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A "me too" the case cannot take: answered 409 with the reason. */
class SupportRefusedException extends ErrorResponseException {

    SupportRefusedException(String reason) {
        super(
                HttpStatus.CONFLICT,
                ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, reason),
                null);
    }
}
