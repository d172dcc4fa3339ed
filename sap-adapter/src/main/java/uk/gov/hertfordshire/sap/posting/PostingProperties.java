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
 */
@ConfigurationProperties("platform.sap.postings")
public record PostingProperties(
        @DefaultValue("2s") Duration firstBackoff,
        @DefaultValue("60s") Duration maxBackoff,
        @DefaultValue("5m") Duration lease) {}
