package uk.gov.hertfordshire.analytics.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a rebuild runs ({@code analytics.rebuild.*}).
 *
 * @param batchSize records applied per database transaction
 * @param readers how many readers share the partitions, each with its own consumer and transactions
 *     (at most one per partition holding records)
 * @param staleAfter a building generation without progress for this long is abandoned by the next
 *     rebuild request (its instance died)
 * @param retiredGrace how long the rows of the generation no longer served are kept, so requests
 *     that started reading it just before the switch finish on whole figures
 */
@ConfigurationProperties("analytics.rebuild")
public record RebuildProperties(
        @DefaultValue("2000") int batchSize,
        @DefaultValue("3") int readers,
        @DefaultValue("2m") Duration staleAfter,
        @DefaultValue("30s") Duration retiredGrace) {

    public RebuildProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("analytics.rebuild.batch-size must be at least 1");
        }
        if (readers < 1) {
            throw new IllegalArgumentException("analytics.rebuild.readers must be at least 1");
        }
    }
}
