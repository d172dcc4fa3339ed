package uk.gov.hertfordshire.platform.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what is on a topic right now, from the beginning of every partition to its current end,
 * without joining a consumer group: what a test asserts on is what the broker really holds.
 */
public final class KafkaTopicReader {

    private KafkaTopicReader() {}

    public static List<ConsumerRecord<String, byte[]>> readAll(
            String bootstrapServers, String topic) {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "topic-reader-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                        10_000);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!atEnd(consumer, partitions, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * How many records of one CloudEvents type (header {@code ce_type}) each key has on the topic
     * now: an effect that happened once is one record.
     */
    public static Map<String, Long> copiesByKey(
            String bootstrapServers, String topic, String type) {
        return readAll(bootstrapServers, topic).stream()
                .filter(record -> type.equals(typeOf(record)))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    }

    /** The CloudEvents id (header {@code ce_id}) of every record on the topic now, in order. */
    public static List<String> eventIds(String bootstrapServers, String topic) {
        return readAll(bootstrapServers, topic).stream()
                .map(record -> header(record, "ce_id"))
                .toList();
    }

    private static String typeOf(ConsumerRecord<String, byte[]> record) {
        return header(record, "ce_type");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean atEnd(
            KafkaConsumer<String, byte[]> consumer,
            List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }
}
