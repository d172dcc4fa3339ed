package uk.gov.hertfordshire.care.fhir;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * The authenticated caller of a FHIR request. HAPI's servlet runs inside Spring Security's filter
 * chain, which has already validated the token; this only reads what it decided.
 */
final class FhirCaller {

    private FhirCaller() {}

    static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new AuthenticationException("A bearer token is required.");
    }
}
