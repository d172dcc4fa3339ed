package uk.gov.hertfordshire.platform.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

/**
 * Lag and pending dead letters measured against a real broker, with the expected figures set up by
 * hand: records written to each partition, offsets committed for the group and for its replay.
 */
class SubscriptionMetricsTest {

    private final String bootstrap = TestInfrastructure.shared().kafkaBootstrapServers();
    private final String topic = "metrics-" + UUID.randomUUID();
    private final String group = "metrics-test";
    private final EventSubscription subscription = EventSubscription.of(group, topic, e -> {});
    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void lagIsWhatTheGroupHasNotCommittedPerPartitionAndPendingIsWhatTheReplayHasNot()
            throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(topic, 2, (short) 1),
                                    new NewTopic(subscription.deadLetterTopic(), 2, (short) 1)))
                    .all()
                    .get();
        }
        send(topic, 0, 3);
        send(topic, 1, 1);
        send(subscription.deadLetterTopic(), 1, 2);
        commit(group, new TopicPartition(topic, 0), 1); // partition 1: nothing committed yet
        commit(group + ".dlt-replay", new TopicPartition(subscription.deadLetterTopic(), 1), 1);

        SubscriptionMetrics metrics = metrics();
        metrics.start();
        try {
            metrics.refresh();
            assertThat(lag(0)).as("3 written, 1 committed").isEqualTo(2);
            assertThat(lag(1)).as("1 written, none committed: read from the start").isEqualTo(1);
            assertThat(pending()).as("2 dead letters, 1 re-driven").isEqualTo(1);

            commit(group, new TopicPartition(topic, 0), 3);
            commit(group, new TopicPartition(topic, 1), 1);
            commit(group + ".dlt-replay", new TopicPartition(subscription.deadLetterTopic(), 1), 2);
            metrics.refresh();
            assertThat(lag(0)).isZero();
            assertThat(lag(1)).isZero();
            assertThat(pending()).isZero();
        } finally {
            metrics.stop();
        }
    }

    @Test
    void aSubscriptionWhoseDeadLetterTopicIsNotYetCreatedHasNothingPending() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        send(topic, 0, 2);

        SubscriptionMetrics metrics = metrics();
        metrics.start();
        try {
            metrics.refresh();
            assertThat(lag(0)).as("the topic itself is measured").isEqualTo(2);
            assertThat(pending()).as("no dead-letter topic: none dead-lettered").isZero();
        } finally {
            metrics.stop();
        }
    }

    @Test
    void aRefreshKeepsEachPartitionsGaugeAndSetsItsValue() throws Exception {
        // Re-registering the gauge at each refresh left a moment with none, which a scrape (and
        // this test, racing the timer's first refresh) could see; GaugeRowsTest shows the scrape.
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        send(topic, 0, 2);
        SubscriptionMetrics metrics = metrics();
        metrics.start();
        try {
            metrics.refresh();
            Gauge first = meters.get("inbox.consumer.lag").tags("topic", topic).gauge();
            assertThat(first.value()).isEqualTo(2);

            send(topic, 0, 3);
            metrics.refresh();
            Gauge after = meters.get("inbox.consumer.lag").tags("topic", topic).gauge();
            assertThat(after).as("the same gauge, not one registered again").isSameAs(first);
            assertThat(after.value()).isEqualTo(5);
        } finally {
            metrics.stop();
        }
    }

    @Test
    void aTopicThatDoesNotExistLeavesTheGaugesUnknownRatherThanZero() {
        SubscriptionMetrics metrics = metrics();
        metrics.start();
        try {
            metrics.refresh();
            assertThat(pending()).isNaN();
            assertThat(meters.find("inbox.consumer.lag").gauges()).isEmpty();
        } finally {
            metrics.stop();
        }
    }

    private SubscriptionMetrics metrics() {
        return new SubscriptionMetrics(
                List.of(subscription),
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Duration.ofHours(1), // refreshed by hand here
                meters);
    }

    private double lag(int partition) {
        return meters.get("inbox.consumer.lag")
                .tags("group", group, "topic", topic, "partition", String.valueOf(partition))
                .gauge()
                .value();
    }

    private double pending() {
        return meters.get("inbox.dead.letters.pending")
                .tags("group", group, "topic", topic)
                .gauge()
                .value();
    }

    private void send(String to, int partition, int count) {
        try (KafkaTopicWriter kafka = new KafkaTopicWriter(bootstrap)) {
            kafka.sendAll(
                    IntStream.range(0, count)
                            .mapToObj(
                                    i ->
                                            new ProducerRecord<>(
                                                    to, partition, "k" + i, new byte[] {1}))
                            .toList());
        }
    }

    private void commit(String groupId, TopicPartition partition, long offset) {
        try (var consumer =
                new KafkaConsumer<String, byte[]>(
                        SubscriptionListeners.consumerConfig(
                                Map.of(
                                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                                        ConsumerConfig.GROUP_ID_CONFIG, groupId)))) {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset)));
        }
    }
}
