package uk.gov.hertfordshire.content.delivery;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A path naming no channel: 404, naming the channels there are. */
class UnknownChannelException extends ErrorResponseException {

    UnknownChannelException(String name) {
        super(
                HttpStatus.NOT_FOUND,
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND,
                        "There is no channel '"
                                + name
                                + "'; the channels are web, intranet, digital_tv and"
                                + " contact_centre."),
                null);
    }
}
