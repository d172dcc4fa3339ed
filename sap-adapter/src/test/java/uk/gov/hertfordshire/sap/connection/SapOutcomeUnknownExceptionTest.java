package uk.gov.hertfordshire.sap.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

/**
 * Which failed posting calls SAP may have processed (outcome unknown: wait, look up, then maybe
 * send again) and which it did not take in (back off and try again).
 */
class SapOutcomeUnknownExceptionTest {

    @Test
    void serverErrorsOtherThan503MayHaveBeenProcessed() {
        assertThat(SapOutcomeUnknownException.answered(500, "the post"))
                .isInstanceOf(SapOutcomeUnknownException.class);
        assertThat(SapOutcomeUnknownException.answered(502, "the post"))
                .isInstanceOf(SapOutcomeUnknownException.class);
        assertThat(SapOutcomeUnknownException.answered(504, "the post"))
                .isInstanceOf(SapOutcomeUnknownException.class);
        assertThat(SapOutcomeUnknownException.answered(503, "the post"))
                .as("the web dispatcher's maintenance answer: not passed on")
                .isNotInstanceOf(SapOutcomeUnknownException.class);
        assertThat(SapOutcomeUnknownException.answered(401, "the post"))
                .isNotInstanceOf(SapOutcomeUnknownException.class);
        assertThat(SapOutcomeUnknownException.answered(403, "the post"))
                .isNotInstanceOf(SapOutcomeUnknownException.class);
    }

    @Test
    void aTimeoutOrBrokenConnectionMayHaveBeenProcessedButNoConnectionWasNot() {
        assertThat(
                        SapOutcomeUnknownException.unanswered(
                                "the post",
                                new ResourceAccessException(
                                        "I/O error",
                                        new IOException(
                                                "timed out",
                                                new HttpTimeoutException("request timed out")))))
                .isInstanceOf(SapOutcomeUnknownException.class);
        assertThat(
                        SapOutcomeUnknownException.unanswered(
                                "the post",
                                new ResourceAccessException(
                                        "I/O error", new IOException("Connection reset"))))
                .isInstanceOf(SapOutcomeUnknownException.class);
        assertThat(
                        SapOutcomeUnknownException.unanswered(
                                "the post",
                                new ResourceAccessException(
                                        "I/O error", new ConnectException("Connection refused"))))
                .isInstanceOf(SapUnavailableException.class)
                .isNotInstanceOf(SapOutcomeUnknownException.class);
        assertThat(
                        SapOutcomeUnknownException.unanswered(
                                "the post",
                                new ResourceAccessException(
                                        "I/O error",
                                        new HttpConnectTimeoutException("connect timed out"))))
                .isNotInstanceOf(SapOutcomeUnknownException.class);
    }
}
