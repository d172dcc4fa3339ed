package uk.gov.hertfordshire.sap.connection;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

/**
 * SAP finance behind a circuit breaker: while SAP keeps failing, calls fail at once as {@link
 * SapUnavailableException} without reaching SAP, and after a while a few are let through to see
 * whether it is back. A refusal is an answer, so it counts as success.
 */
final class GuardedSapFinance implements SapFinance {

    private final SapFinance sap;
    private final CircuitBreaker breaker;

    GuardedSapFinance(SapFinance sap, CircuitBreaker breaker) {
        this.sap = sap;
        this.breaker = breaker;
    }

    @Override
    public PostingOutcome post(JournalEntry entry) {
        return guarded(() -> sap.post(entry));
    }

    @Override
    public PostingOutcome commit(Commitment commitment) {
        return guarded(() -> sap.commit(commitment));
    }

    @Override
    public List<String> commitmentsWithReference(String reference) {
        return guarded(() -> sap.commitmentsWithReference(reference));
    }

    @Override
    public List<CommittedOrder> commitments(String companyCode, LocalDate from, LocalDate to) {
        return guarded(() -> sap.commitments(companyCode, from, to));
    }

    @Override
    public List<PostedItem> itemsWithReference(String companyCode, String reference) {
        return guarded(() -> sap.itemsWithReference(companyCode, reference));
    }

    @Override
    public List<PostedItem> items(String companyCode, LocalDate from, LocalDate to) {
        return guarded(() -> sap.items(companyCode, from, to));
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException open) {
            throw new SapUnavailableException("SAP's circuit breaker is open", open);
        }
    }
}
