package uk.gov.hertfordshire.platform.support.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A trusted issuer's discovery document or keys could not be fetched, so the token could be neither
 * accepted nor refused. Answered 503 rather than 401: the caller did nothing wrong and may retry.
 */
final class IssuerUnavailableException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    IssuerUnavailableException(String issuer, Throwable cause) {
        super("Identity provider " + issuer + " is unavailable", cause);
    }
}
