package uk.gov.hertfordshire.sap.posting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the posting worker paces itself, under {@code platform.sap.postings}.
 *
 * @param firstBackoff the wait after SAP first fails to answer for a posting
 * @param maxBackoff the longest wait between attempts
 * @param lease how long a claimed posting is this instance's alone (longer than a batch takes; one
 *     whose lease runs out is sent only by the instance that claimed it last), and how long a send
 *     keeps it (longer than the read timeout)
 * @param unknownOutcomeWait how long a posting whose send had an unknown outcome (a timeout, a
 *     broken connection, a server error) waits before it is looked up in SAP by its reference and,
 *     only if SAP does not hold it, sent again: far longer than SAP takes to process a posting, so
 *     that one SAP is still processing is found rather than sent twice
 */
@ConfigurationProperties("platform.sap.postings")
public record PostingProperties(
        @DefaultValue("2s") Duration firstBackoff,
        @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("5m") Duration lease,
        @DefaultValue("5m") Duration unknownOutcomeWait) {

    public PostingProperties {
        if (unknownOutcomeWait.isNegative() || unknownOutcomeWait.isZero()) {
            throw new IllegalArgumentException(
                    "platform.sap.postings.unknown-outcome-wait must be more than zero");
        }
    }
}
