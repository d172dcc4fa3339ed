package uk.gov.hertfordshire.platform.local.chaos;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/** What the chaos run asks Kafka itself: the active controller, and whether replicas caught up. */
public final class KafkaQuorum implements AutoCloseable {

    private final Admin admin;

    public KafkaQuorum(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        this.admin = Admin.create(config);
    }

    /** The node id of the active controller (the KRaft quorum's leader). */
    public int activeController()
            throws InterruptedException, ExecutionException, TimeoutException {
        return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
    }

    /**
     * Partitions of every topic whose in-sync replicas are fewer than their replicas: after a
     * broker comes back it must catch up before the next one may go, or acks=all with
     * min.insync.replicas=2 has only one copy left.
     */
    public int underReplicatedPartitions()
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        Map<String, TopicDescription> described =
                admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        int under = 0;
        for (TopicDescription topic : described.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.isr().size() < partition.replicas().size()) {
                    under++;
                }
            }
        }
        return under;
    }

    @Override
    public void close() {
        admin.close();
    }
}
