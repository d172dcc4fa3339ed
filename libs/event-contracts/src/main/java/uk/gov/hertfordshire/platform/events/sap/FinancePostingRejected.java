package uk.gov.hertfordshire.platform.events.sap;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * SAP refused a finance posting (a closed period, an unknown cost centre…). The posting waits on
 * sap-adapter's operations API to be corrected and re-submitted; a later success is a {@link
 * FinancePostingRecorded} with the same postingId.
 *
 * @param postingId the posting's UUID
 * @param sourceEventId the CloudEvents id of the event the posting was made for
 * @param companyCode the SAP company code posted to, up to four letters or digits
 * @param costCentre the SAP cost centre tried
 * @param glAccount the SAP general ledger account tried
 * @param amountPence the amount in pence, never zero
 * @param currency always {@link FinancePostingRecorded#CURRENCY}
 * @param sapMessage SAP's own message, one line of at most 220 characters (SAP's log note length);
 *     never personal data, SAP writes it about accounts and periods
 * @param rejectedAt when SAP refused it
 */
public record FinancePostingRejected(
        String postingId,
        String sourceEventId,
        String companyCode,
        String costCentre,
        String glAccount,
        long amountPence,
        String currency,
        String sapMessage,
        Instant rejectedAt)
        implements DomainEvent {

    public static final EventType<FinancePostingRejected> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.sap.finance.posting-rejected.v1",
                    Topics.SAP_FINANCE,
                    "/sap-adapter",
                    FinancePostingRejected.class);

    /** The longest SAP message carried. */
    public static final int MAX_MESSAGE_LENGTH = 220;

    public FinancePostingRejected {
        EventFields.uuid(postingId, "postingId");
        EventFields.uuid(sourceEventId, "sourceEventId");
        EventFields.matching(companyCode, SapCodes.COMPANY_CODE, "companyCode");
        EventFields.matching(costCentre, SapCodes.COST_CENTRE, "costCentre");
        EventFields.matching(glAccount, SapCodes.GL_ACCOUNT, "glAccount");
        if (amountPence == 0) {
            throw new IllegalArgumentException("amountPence must not be zero");
        }
        EventFields.oneOf(currency, List.of(FinancePostingRecorded.CURRENCY), "currency");
        EventFields.label(sapMessage, MAX_MESSAGE_LENGTH, "sapMessage");
        EventFields.required(rejectedAt, "rejectedAt");
    }

    @Override
    public String aggregateId() {
        return postingId;
    }

    @Override
    public Instant occurredAt() {
        return rejectedAt;
    }
}
