package uk.gov.hertfordshire.gateway.caching;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.MalformedEventException;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;

/**
 * Follows {@code cases.events} in every gateway instance and drops the kept catalogue answers on a
 * {@code service-definition-changed} event (ADR 42).
 *
 * <p>Group-less, because every instance must hear every change (a consumer group would tell only
 * one): no {@code group.id}, every partition assigned, reading from the end as it was when the
 * gateway started, no offsets committed; each (re)assignment drops every entry, since a change made
 * while it was not reading is never read. Each round asks the broker for the partitions' end
 * offsets, reads up to them, and only then tells {@link CatalogueEntries} it has caught up as of
 * the moment it asked; a round that cannot (Kafka unreachable, the follower behind) tells it
 * nothing, and the cache stops answering once {@code max-silence} has passed. An unreadable record
 * drops the entries too: it might have been a change.
 */
@Component
class CatalogueChangeFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatalogueChangeFollower.class);

    /** How long one poll waits for a new event once caught up; a round is about this long. */
    private static final Duration WAIT_FOR_EVENTS = Duration.ofMillis(100);

    /** A fetch returns once this much has come, or after {@link #fetchMaxWaitMs}. */
    static final int FETCH_MIN_BYTES = 16 * 1024;

    private final CatalogueEntries entries;
    private final Map<String, Object> consumerSettings;
    private final String topic;
    private final Duration maxSilence;
    private final CloudEvents cloudEvents = new CloudEvents();

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;

    /** Whether the current outage was logged: once per outage, not once a second. */
    private boolean lostLogged;

    private Thread thread;

    CatalogueChangeFollower(
            CatalogueEntries entries, KafkaProperties kafka, CatalogueCacheProperties properties) {
        this.entries = entries;
        this.topic = properties.topic();
        this.maxSilence = properties.maxSilence();
        Map<String, Object> settings = new HashMap<>(kafka.buildConsumerProperties());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // One per gateway (several share a JVM in tests): the client id names its JMX beans.
        settings.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "gateway-catalogue-changes-" + UUID.randomUUID().toString().substring(0, 8));
        // Only the end of the log matters; a failed broker is noticed within a round or two.
        settings.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        settings.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        // Every case's events land on this topic too, so with Kafka's defaults (a fetch returns
        // with the first byte) the follower fetched and asked for the end offsets about once per
        // submission: 6.5% of the gateway's CPU under submissions, and the broker's work besides
        // (docs/benchmarks/case-submission.md, 2026-12-05). A fetch now waits for 16 KB or a
        // quarter of max-silence, whichever comes first: a round still ends well within
        // max-silence, so a change still drops the entries within it, and the cache still stops
        // answering when the follower falls behind.
        settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMs(maxSilence));
        this.consumerSettings = Map.copyOf(settings);
    }

    /** The longest a fetch waits for {@link #FETCH_MIN_BYTES}: a quarter of max-silence. */
    static int fetchMaxWaitMs(Duration maxSilence) {
        return (int) Math.max(1, maxSilence.toMillis() / 4);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::follow, "catalogue-change-follower");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        List<TopicPartition> partitions = List.of();
        while (running) {
            try {
                if (consumer == null) {
                    consumer = new KafkaConsumer<>(consumerSettings);
                    partitions = List.of();
                }
                if (partitions.isEmpty()) {
                    partitions = assignEveryPartition(consumer);
                    if (partitions.isEmpty()) {
                        pauseBeforeRetry();
                        continue;
                    }
                }
                round(consumer, partitions);
            } catch (WakeupException stopping) {
                // stop() woke the consumer; the loop ends.
            } catch (KafkaException | IllegalStateException e) {
                if (!lostLogged) {
                    log.warn(
                            "Catalogue change follower lost {}; the catalogue cache is not"
                                    + " answering until it catches up again: {}",
                            topic,
                            e.toString());
                    lostLogged = true;
                }
                closeConsumer();
                pauseBeforeRetry();
            }
        }
        closeConsumer();
    }

    /** Every partition of the topic, assigned and positioned at its end; none if not there yet. */
    private List<TopicPartition> assignEveryPartition(KafkaConsumer<String, byte[]> kafka) {
        List<PartitionInfo> found = kafka.partitionsFor(topic, maxSilence);
        if (found == null || found.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions =
                found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        // Reading from the end skips whatever came while this follower was not reading (before a
        // reconnect, after a lost connection): anything kept may be older than a change it missed.
        entries.drop();
        return partitions;
    }

    /**
     * Reads up to the end offsets the broker gives now, then says so; then waits briefly for the
     * next event.
     */
    private void round(KafkaConsumer<String, byte[]> kafka, List<TopicPartition> partitions) {
        long asked = System.nanoTime();
        Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, maxSilence);
        while (behind(kafka, ends)) {
            if (System.nanoTime() - asked > maxSilence.toNanos()) {
                return; // still behind: say nothing, so the cache stops answering
            }
            apply(kafka.poll(WAIT_FOR_EVENTS));
        }
        entries.caughtUpAsOf(asked);
        if (lostLogged) {
            log.info("Catalogue change follower caught up with {} again", topic);
            lostLogged = false;
        }
        apply(kafka.poll(WAIT_FOR_EVENTS));
    }

    private boolean behind(KafkaConsumer<String, byte[]> kafka, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (kafka.position(end.getKey(), maxSilence) < end.getValue()) {
                return true;
            }
        }
        return false;
    }

    private void apply(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (isChange(record)) {
                entries.drop();
                return; // one drop covers the rest of the batch
            }
        }
    }

    private boolean isChange(ConsumerRecord<String, byte[]> record) {
        try {
            return ServiceDefinitionChanged.TYPE.type().equals(cloudEvents.receive(record).type());
        } catch (MalformedEventException unreadable) {
            return true;
        }
    }

    private void closeConsumer() {
        KafkaConsumer<String, byte[]> current = consumer;
        consumer = null;
        if (current != null) {
            try {
                current.close(Duration.ofSeconds(1));
            } catch (KafkaException e) {
                log.debug("Closing the catalogue change follower's consumer: {}", e.toString());
            }
        }
    }

    private void pauseBeforeRetry() {
        try {
            Thread.sleep(maxSilence.toMillis()); // sleep-ok: a broker or topic not there yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
