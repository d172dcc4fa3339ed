package uk.gov.hertfordshire.platform.support.inbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-drives a consumer group's dead letters to the same handler, through the inbox, once the cause
 * is fixed. Progress is kept as the committed offsets of a replay group of its own ({@code
 * <group>.dlt-replay}), so each dead letter is re-driven once. A record that fails again (a
 * malformed event always does) is parked ({@link ParkedDeadLetters}) and the replay goes on past
 * it; every replay first tries the parked records again, and unparks each one that succeeds.
 */
final class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final List<EventSubscription> subscriptions;
    private final Map<String, Object> consumerConfig;
    private final Inbox inbox;
    private final ParkedDeadLetters parked;

    DeadLetterReplay(
            List<EventSubscription> subscriptions,
            Map<String, Object> consumerConfig,
            Inbox inbox,
            ParkedDeadLetters parked) {
        this.subscriptions = List.copyOf(subscriptions);
        this.consumerConfig = consumerConfig;
        this.inbox = inbox;
        this.parked = parked;
    }

    /** Parked records of the subscription: how many, and the first of them with their errors. */
    long parkedCount(EventSubscription subscription) {
        return parked.count(subscription);
    }

    List<ParkedDeadLetters.Parked> parked(EventSubscription subscription) {
        return parked.list(subscription);
    }

    List<EventSubscription> subscriptions() {
        return subscriptions;
    }

    Optional<EventSubscription> find(String consumerGroup, String topic) {
        return subscriptions.stream()
                .filter(s -> s.consumerGroup().equals(consumerGroup) && s.topic().equals(topic))
                .findFirst();
    }

    /**
     * Dead letters not yet re-driven, read on demand (the endpoint, after a replay); the gauge of
     * the same figure is {@link SubscriptionMetrics}', through its long-lived admin client.
     */
    long pending(EventSubscription subscription) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(subscription)) {
            List<TopicPartition> partitions = partitions(consumer, subscription);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(Set.copyOf(partitions));
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            long pending = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long from = done == null ? begins.get(partition) : done.offset();
                pending += Math.max(0, ends.get(partition) - from);
            }
            return pending;
        }
    }

    Result replay(EventSubscription subscription) {
        Tally tally = new Tally();
        for (ConsumerRecord<String, byte[]> record : parked.records(subscription)) {
            if (redrive(subscription, record, tally)) {
                parked.unpark(subscription, record);
            } else {
                parked.park(subscription, record, tally.lastError); // one more attempt
            }
        }
        try (KafkaConsumer<String, byte[]> consumer = consumer(subscription)) {
            List<TopicPartition> partitions = partitions(consumer, subscription);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                if (committed.get(partition) == null) {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
            while (!reachedEnd(consumer, partitions, ends)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset()
                            >= ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    if (!redrive(subscription, record, tally)) {
                        parked.park(subscription, record, tally.lastError);
                    }
                    consumer.commitSync(
                            Map.of(
                                    new TopicPartition(record.topic(), record.partition()),
                                    new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        }
        return new Result(
                tally.handled,
                tally.duplicates,
                pending(subscription),
                parked.count(subscription),
                tally.firstError);
    }

    /** Hands one dead letter to the handler; false (with the error tallied) if it failed again. */
    private boolean redrive(
            EventSubscription subscription, ConsumerRecord<String, byte[]> record, Tally tally) {
        try {
            Inbox.Outcome outcome =
                    inbox.process(subscription.consumerGroup(), record, subscription.handler());
            if (outcome == Inbox.Outcome.DUPLICATE) {
                tally.duplicates++;
            } else {
                tally.handled++;
            }
            return true;
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.warn(
                    "Dead letter {}-{}@{} failed again; parked: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    error);
            tally.lastError = error;
            if (tally.firstError == null) {
                tally.firstError = error;
            }
            return false;
        }
    }

    private static final class Tally {
        int handled;
        int duplicates;
        String lastError;
        String firstError;
    }

    private static boolean reachedEnd(
            KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < ends.get(partition)) {
                return false;
            }
        }
        return true;
    }

    /** The group whose committed offsets on the dead-letter topic are the replay's progress. */
    static String replayGroup(EventSubscription subscription) {
        return subscription.consumerGroup() + ".dlt-replay";
    }

    private KafkaConsumer<String, byte[]> consumer(EventSubscription subscription) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, replayGroup(subscription));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return new KafkaConsumer<>(config);
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<String, byte[]> consumer, EventSubscription subscription) {
        List<PartitionInfo> infos = consumer.partitionsFor(subscription.deadLetterTopic());
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /**
     * @param handled dead letters handled this time (parked ones included)
     * @param duplicates dead letters whose event had meanwhile been handled (skipped by the inbox)
     * @param stillPending dead letters not yet re-driven (written to the topic during the replay)
     * @param parked dead letters parked now, having failed again (this time or before)
     * @param error the first failure of this replay, or null if every record was handled
     */
    record Result(int handled, int duplicates, long stillPending, long parked, String error) {}
}
