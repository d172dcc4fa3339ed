package uk.gov.hertfordshire.platform.support.database;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the service's PostgreSQL cannot be reached just now (stopped, restarting,
 * refusing or dropping connections, no connection to be had from the pool in time), as opposed to a
 * fault of the request or the code (bad SQL, a constraint, a timeout of one slow statement). The
 * first is answered 503 with {@code Retry-After} and retried by listeners without limit; the second
 * stays a 500 or a dead letter.
 *
 * <p>The whole cause chain is looked at, so the same failure is recognised however Spring wrapped
 * it: {@code CannotGetJdbcConnectionException}, {@code CannotCreateTransactionException}, a {@code
 * TransactionSystemException} from a commit whose connection died, or the driver's exception
 * itself.
 */
public final class DatabaseUnavailable {

    /**
     * SQLSTATE classes and codes that say the server, not the statement, is the trouble: class 08
     * (connection exception: refused, broken, not established) and 57P01-57P03 (the server is
     * shutting down, crashed, or still starting).
     */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseUnavailable() {}

    /** True when something in {@code failure}'s cause chain says the database cannot be reached. */
    public static boolean causedBy(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure;
                cause != null && seen.add(cause);
                cause = cause.getCause()) {
            if (isUnavailable(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUnavailable(Throwable cause) {
        if (cause instanceof DatabaseUnavailableException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessResourceException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLRecoverableException
                || cause instanceof ConnectException) {
            return true;
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith(CONNECTION_EXCEPTION_CLASS) || SERVER_GONE.contains(state);
        }
        // A connection reset or closed under a statement; the driver wraps it as SQLSTATE 08006,
        // but a pool or a framework may hand it on as it is.
        return cause instanceof SocketException;
    }
}
