package uk.gov.hertfordshire.platform.topology;

/**
 * The settings of every domain and dead-letter topic, and of the brokers, per mode.
 *
 * @param partitions partitions of every topic (a dead-letter topic has its source's)
 * @param brokers brokers per mode
 * @param replicationFactor replicas of every partition per mode
 * @param minInSyncReplicas {@code min.insync.replicas} per mode
 * @param uncleanLeaderElection {@code unclean.leader.election.enable}
 * @param retentionMs {@code retention.ms}; -1 keeps the whole history
 */
public record KafkaSettings(
        int partitions,
        Replicas brokers,
        Replicas replicationFactor,
        Replicas minInSyncReplicas,
        boolean uncleanLeaderElection,
        long retentionMs) {}
