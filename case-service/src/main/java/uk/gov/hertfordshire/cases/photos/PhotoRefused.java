package uk.gov.hertfordshire.cases.photos;

import org.springframework.http.HttpStatus;

/** A photo that is not accepted, with the status and the reason the caller is told. */
final class PhotoRefused extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    PhotoRefused(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
