package uk.gov.hertfordshire.cases.open311;

import org.springframework.http.HttpStatus;

/**
 * A request GeoReport v2 refuses, with the spec's status: 404 for what does not exist (a
 * service_code, a jurisdiction_id, a request), 403 for a missing or wrong api_key, 400 for anything
 * else that cannot be fulfilled. The description is shown to the app's user, so it says what to
 * change and nothing about our internals.
 */
final class Open311Exception extends RuntimeException {

    private final HttpStatus status;

    Open311Exception(HttpStatus status, String description) {
        super(description, null, false, false);
        this.status = status;
    }

    static Open311Exception badRequest(String description) {
        return new Open311Exception(HttpStatus.BAD_REQUEST, description);
    }

    static Open311Exception notFound(String description) {
        return new Open311Exception(HttpStatus.NOT_FOUND, description);
    }

    HttpStatus status() {
        return status;
    }
}
