package uk.gov.hertfordshire.platform.support.http;

/**
 * The Idempotency-Key claim of the request this thread is serving, so the business transaction can
 * record in itself that the work was done ({@link IdempotencyCommitListener}).
 */
final class IdempotentRequest {

    private static final ThreadLocal<IdempotentRequest> CURRENT = new ThreadLocal<>();

    private final String principal;
    private final String key;
    private boolean committing;
    private volatile boolean committed;

    private IdempotentRequest(String principal, String key) {
        this.principal = principal;
        this.key = key;
    }

    /** Binds a claim to this thread until {@link #end()}. */
    static IdempotentRequest begin(String principal, String key) {
        IdempotentRequest request = new IdempotentRequest(principal, key);
        CURRENT.set(request);
        return request;
    }

    /** The claim of the request this thread serves, or null. */
    static IdempotentRequest current() {
        return CURRENT.get();
    }

    void end() {
        CURRENT.remove();
    }

    String principal() {
        return principal;
    }

    String key() {
        return key;
    }

    void committing(boolean committing) {
        this.committing = committing;
    }

    boolean isCommitting() {
        return committing;
    }

    void markCommitted() {
        committed = true;
    }

    /** Whether a business transaction of this request has committed. */
    boolean hasCommitted() {
        return committed;
    }
}
