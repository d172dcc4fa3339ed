package uk.gov.hertfordshire.care.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps library internals out of FHIR answers: a failure that is not already a FHIR error (whose
 * message we wrote) becomes a 500 OperationOutcome saying only that something went wrong. The cause
 * is logged by class only: an exception message here could quote a referral.
 */
@Interceptor
@org.springframework.stereotype.Component
class FhirErrors {

    private static final Logger log = LoggerFactory.getLogger(FhirErrors.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException hideInternals(Throwable failure) {
        if (failure instanceof BaseServerResponseException answer && answer.getStatusCode() < 500) {
            return answer;
        }
        log.error("FHIR request failed: {}", failure.getClass().getName());
        return new InternalErrorException("The request could not be completed.");
    }
}
