package uk.gov.hertfordshire.platform.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.DomainEvent;

/**
 * Puts events on the broker as the platform's producers do: a domain event as a binary-mode
 * CloudEvent on its topic, keyed by its subject ({@link CloudEvents}), acknowledged by every
 * in-sync replica. Each call returns once the broker holds what it sent, so what a test then waits
 * for follows from records really there. The counterpart of {@link KafkaTopicReader}.
 */
public final class KafkaTopicWriter implements AutoCloseable {

    private static final long ACK_TIMEOUT_SECONDS = 30;

    /**
     * How long a send may wait for a topic's metadata: a topic nobody declared (the test brokers
     * never create one on first use) fails the test in this time, not the client's default minute.
     */
    private static final Duration METADATA_WAIT = Duration.ofSeconds(15);

    private final CloudEvents cloudEvents = new CloudEvents();
    private final KafkaProducer<String, byte[]> producer;

    public KafkaTopicWriter(String bootstrapServers) {
        this(bootstrapServers, METADATA_WAIT);
    }

    KafkaTopicWriter(String bootstrapServers, Duration metadataWait) {
        this(bootstrapServers, metadataWait, Map.of());
    }

    private KafkaTopicWriter(
            String bootstrapServers, Duration metadataWait, Map<String, Object> moreSettings) {
        Map<String, Object> settings = new HashMap<>(moreSettings);
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) metadataWait.toMillis());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "topic-writer-" + UUID.randomUUID());
        this.producer =
                new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A writer whose records wait, for up to a minute, for {@link #sendAll}'s flush: what it sends
     * together leaves as one producer batch per partition ({@link KafkaRecordBatch}).
     */
    static KafkaTopicWriter holdingRecordsUntilFlush(String bootstrapServers) {
        return new KafkaTopicWriter(
                bootstrapServers, METADATA_WAIT, Map.of(ProducerConfig.LINGER_MS_CONFIG, 60_000));
    }

    /** A writer to the shared test broker ({@link TestInfrastructure#shared()}). */
    public static KafkaTopicWriter toSharedBroker() {
        return new KafkaTopicWriter(TestInfrastructure.shared().kafkaBootstrapServers());
    }

    /** Publishes the event under a new event id and returns the id. */
    public UUID publish(DomainEvent event) {
        return publish(event, UUID.randomUUID());
    }

    /** Publishes the event under the given id: the same id twice is a redelivery. */
    public UUID publish(DomainEvent event, UUID eventId) {
        send(cloudEvents.toProducerRecord(cloudEvents.toCloudEvent(event, eventId, null)));
        return eventId;
    }

    /** Sends one record and waits until the broker has it. */
    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        return acknowledged(producer.send(record), record);
    }

    /**
     * Sends the records all at once, in order, and waits until the broker has every one. A consumer
     * will often take them in one poll, but nothing here makes sure of it: for one batch use {@link
     * KafkaRecordBatch}.
     */
    public void sendAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        records.forEach(record -> sent.add(producer.send(record)));
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            acknowledged(sent.get(i), records.get(i));
        }
    }

    private static RecordMetadata acknowledged(
            Future<RecordMetadata> sent, ProducerRecord<String, byte[]> record) {
        try {
            return sent.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted sending to " + record.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "The broker did not take a record for " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
