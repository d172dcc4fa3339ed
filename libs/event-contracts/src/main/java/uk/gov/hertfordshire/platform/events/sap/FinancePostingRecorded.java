package uk.gov.hertfordshire.platform.events.sap;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A finance posting was recorded in SAP, exactly once for the event that caused it.
 *
 * @param postingId the posting's UUID
 * @param sourceEventId the CloudEvents id of the event the posting was made for
 * @param costCentre the SAP cost centre
 * @param glAccount the SAP general ledger account
 * @param amountPence the amount in pence, negative for a credit, never zero
 * @param currency always {@link #CURRENCY}
 * @param postedAt when SAP recorded the posting
 */
public record FinancePostingRecorded(
        String postingId,
        String sourceEventId,
        String costCentre,
        String glAccount,
        long amountPence,
        String currency,
        Instant postedAt)
        implements DomainEvent {

    public static final EventType<FinancePostingRecorded> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.sap.finance.posting-recorded.v1",
                    Topics.SAP_FINANCE,
                    "/sap-adapter",
                    FinancePostingRecorded.class);

    /** The only currency postings are made in. */
    public static final String CURRENCY = "GBP";

    public FinancePostingRecorded {
        EventFields.uuid(postingId, "postingId");
        EventFields.uuid(sourceEventId, "sourceEventId");
        EventFields.matching(costCentre, SapCodes.COST_CENTRE, "costCentre");
        EventFields.matching(glAccount, SapCodes.GL_ACCOUNT, "glAccount");
        if (amountPence == 0) {
            throw new IllegalArgumentException("amountPence must not be zero");
        }
        EventFields.oneOf(currency, List.of(CURRENCY), "currency");
        EventFields.required(postedAt, "postedAt");
    }

    @Override
    public String aggregateId() {
        return postingId;
    }

    @Override
    public Instant occurredAt() {
        return postedAt;
    }
}
