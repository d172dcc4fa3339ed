package uk.gov.hertfordshire.platform.events;

/**
 * A record or payload that does not meet its contract: missing CloudEvents headers, unreadable JSON
 * or a payload that breaks the event's rules. Retrying cannot fix it, so consumers send it straight
 * to their dead-letter topic.
 */
public class MalformedEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEventException(String message) {
        super(message);
    }
}
