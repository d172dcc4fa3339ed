package uk.gov.hertfordshire.platform.events.sap;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * Reconciling a period found that SAP's journal does not hold what the posting ledger says it
 * posted: a posting missing from SAP, posted more than once, or posted with another amount.
 *
 * @param postingId the ledger's posting
 * @param sourceEventId the CloudEvents id of the event the posting was made for, the reference
 *     SAP's documents carry
 * @param period the accounting period reconciled, {@code YYYY-MM} in Europe/London
 * @param kind {@code missing}, {@code duplicated} or {@code amount_differs}
 * @param companyCode the SAP company code
 * @param ledgerAmountPence the amount the ledger posted, in pence
 * @param sapAmountPence the amount SAP holds for the reference in the period, summed over its
 *     documents, in pence (0 when missing)
 * @param sapDocumentCount how many SAP documents carry the reference
 * @param detectedAt when the reconciliation found it
 */
public record ReconciliationMismatchFound(
        String postingId,
        String sourceEventId,
        String period,
        String kind,
        String companyCode,
        long ledgerAmountPence,
        long sapAmountPence,
        int sapDocumentCount,
        Instant detectedAt)
        implements DomainEvent {

    public static final EventType<ReconciliationMismatchFound> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.sap.finance.reconciliation-mismatch-found.v1",
                    Topics.SAP_FINANCE,
                    "/sap-adapter",
                    ReconciliationMismatchFound.class);

    public static final String MISSING = "missing";
    public static final String DUPLICATED = "duplicated";
    public static final String AMOUNT_DIFFERS = "amount_differs";

    /** Every kind of mismatch. */
    public static final List<String> KINDS = List.of(MISSING, DUPLICATED, AMOUNT_DIFFERS);

    public ReconciliationMismatchFound {
        EventFields.uuid(postingId, "postingId");
        EventFields.uuid(sourceEventId, "sourceEventId");
        EventFields.matching(period, SapCodes.PERIOD, "period");
        EventFields.oneOf(kind, KINDS, "kind");
        EventFields.matching(companyCode, SapCodes.COMPANY_CODE, "companyCode");
        if (sapDocumentCount < 0) {
            throw new IllegalArgumentException("sapDocumentCount must not be negative");
        }
        EventFields.required(detectedAt, "detectedAt");
    }

    @Override
    public String aggregateId() {
        return postingId;
    }

    @Override
    public Instant occurredAt() {
        return detectedAt;
    }
}
