package uk.gov.hertfordshire.cases.fees;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The payment provider could not be asked: 503, nothing recorded, safe to try again. */
public class PaymentProviderUnavailableException extends ErrorResponseException {

    public PaymentProviderUnavailableException(String detail, Throwable cause) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail),
                cause);
    }
}
