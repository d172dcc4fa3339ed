package uk.gov.hertfordshire.platform.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service-support library, under {@code platform.support}. The defaults suit one
 * machine; an environment overrides the topic settings (replication, minimum in-sync replicas).
 */
@ConfigurationProperties("platform.support")
public record SupportProperties(
        @DefaultValue Topics topics,
        @DefaultValue Outbox outbox,
        @DefaultValue Consumer consumer,
        @DefaultValue Idempotency idempotency) {

    /** How the domain topics and dead-letter topics are declared. */
    public record Topics(
            @DefaultValue("true") boolean declare,
            @DefaultValue("3") int partitions,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("1") int minInSyncReplicas) {}

    /**
     * The relay that drains the outbox to Kafka. {@code gather}: how long the relay, woken by a
     * commit, waits for the commits that follow it before reading, so one round (its statements and
     * its send) carries them all (ADR 51).
     */
    public record Outbox(
            @DefaultValue("true") boolean relayEnabled,
            @DefaultValue("200ms") Duration pollInterval,
            @DefaultValue("20ms") Duration gather,
            @DefaultValue("500") int batchSize,
            @DefaultValue("10s") Duration sendTimeout,
            @DefaultValue("7d") Duration retention,
            @DefaultValue("1h") Duration cleanupInterval) {}

    /** Retries before a record goes to its dead-letter topic. */
    public record Consumer(
            @DefaultValue("4") int maxAttempts,
            @DefaultValue("200ms") Duration initialBackoff,
            @DefaultValue("2s") Duration maxBackoff,
            @DefaultValue("1") int concurrency) {}

    /**
     * Idempotency-Key: how long a completed key answers with its first response, and how long a
     * claimed key is held for a request in flight before a retry may take it over (a process that
     * died mid-request leaves its claim behind; no request here runs that long).
     */
    public record Idempotency(
            @DefaultValue("24h") Duration retention, @DefaultValue("30s") Duration lease) {}
}
