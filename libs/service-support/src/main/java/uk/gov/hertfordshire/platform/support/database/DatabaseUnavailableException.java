package uk.gov.hertfordshire.platform.support.database;

/**
 * A failure {@link DatabaseUnavailable} recognised, wrapped so that code keyed on exception types
 * (the Kafka listeners' error handler) can tell it from every other failure.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(Throwable cause) {
        super("The database is unavailable: " + cause.getMessage(), cause);
    }

    /** {@code failure} wrapped if the database is unavailable, otherwise {@code failure} itself. */
    public static RuntimeException classify(RuntimeException failure) {
        if (failure instanceof DatabaseUnavailableException
                || !DatabaseUnavailable.causedBy(failure)) {
            return failure;
        }
        return new DatabaseUnavailableException(failure);
    }
}
