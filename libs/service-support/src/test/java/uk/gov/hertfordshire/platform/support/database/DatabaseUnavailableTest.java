package uk.gov.hertfordshire.platform.support.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database cannot be reached", beside the faults that do not. */
class DatabaseUnavailableTest {

    @Test
    void noConnectionFromThePoolInTimeIsUnavailable() {
        var timedOut =
                new SQLTransientConnectionException(
                        "HikariPool-1 - Connection is not available, request timed out after 2000ms");
        assertThat(
                        DatabaseUnavailable.causedBy(
                                new CannotGetJdbcConnectionException("x", timedOut)))
                .isTrue();
        assertThat(
                        DatabaseUnavailable.causedBy(
                                new CannotCreateTransactionException(
                                        "Could not open JDBC Connection", timedOut)))
                .isTrue();
    }

    @Test
    void aRefusedOrBrokenConnectionIsUnavailableHoweverItIsWrapped() {
        SQLException refused =
                new SQLException(
                        "Connection to localhost refused", "08001", new ConnectException());
        SQLException broken = new SQLException("An I/O error occurred", "08006");
        assertThat(DatabaseUnavailable.causedBy(refused)).isTrue();
        assertThat(
                        DatabaseUnavailable.causedBy(
                                new TransactionSystemException("Could not commit", broken)))
                .isTrue();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("wrapped", broken)))
                .isTrue();
    }

    @Test
    void aServerShuttingDownOrStartingIsUnavailable() {
        assertThat(DatabaseUnavailable.causedBy(new SQLException("terminating", "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("starting up", "57P03"))).isTrue();
    }

    @Test
    void badSqlAConstraintOrOneSlowStatementIsNot() {
        assertThat(
                        DatabaseUnavailable.causedBy(
                                new BadSqlGrammarException(
                                        "select",
                                        "SELECT * FROM missing",
                                        new SQLException("relation does not exist", "42P01"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new DuplicateKeyException("duplicate"))).isFalse();
        assertThat(
                        DatabaseUnavailable.causedBy(
                                new DataIntegrityViolationException(
                                        "null", new SQLException("not null", "23502"))))
                .isFalse();
        assertThat(
                        DatabaseUnavailable.causedBy(
                                new QueryTimeoutException(
                                        "cancelled", new SQLException("canceling", "57014"))))
                .isFalse();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void aCauseChainThatLoopsIsLookedAtOnce() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertThat(DatabaseUnavailable.causedBy(first)).isFalse();
    }

    @Test
    void onlyAnUnavailableDatabaseIsWrappedForTheListeners() {
        RuntimeException unavailable =
                new CannotGetJdbcConnectionException(
                        "x", new SQLTransientConnectionException("timed out"));
        RuntimeException bug = new IllegalStateException("a bug");

        assertThat(DatabaseUnavailableException.classify(unavailable))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasCause(unavailable);
        assertThat(DatabaseUnavailableException.classify(bug)).isSameAs(bug);
    }
}
