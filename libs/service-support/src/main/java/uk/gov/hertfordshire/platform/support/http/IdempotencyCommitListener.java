package uk.gov.hertfordshire.platform.support.http;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

/**
 * Marks a request's Idempotency-Key as committed inside the request's business transaction, just
 * before it commits: the mark and the work commit together or not at all. A failure after that (a
 * 5xx while writing the response, the process dying) then never frees the key for a retry that
 * would do the work twice. Read-only transactions change nothing and are not marked.
 */
final class IdempotencyCommitListener implements TransactionExecutionListener {

    private final IdempotencyStore store;

    IdempotencyCommitListener(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public void beforeCommit(TransactionExecution transaction) {
        IdempotentRequest request = IdempotentRequest.current();
        if (request == null || transaction.isReadOnly() || !transaction.isNewTransaction()) {
            return;
        }
        store.markCommitted(request.principal(), request.key());
        request.committing(true);
    }

    @Override
    public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
        IdempotentRequest request = IdempotentRequest.current();
        if (request != null && request.isCommitting()) {
            request.committing(false);
            if (commitFailure == null) {
                request.markCommitted();
            }
        }
    }

    @Override
    public void afterRollback(TransactionExecution transaction, Throwable rollbackFailure) {
        IdempotentRequest request = IdempotentRequest.current();
        if (request != null) {
            request.committing(false);
        }
    }
}
