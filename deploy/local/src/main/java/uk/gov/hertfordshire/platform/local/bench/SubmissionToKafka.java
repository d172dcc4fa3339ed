package uk.gov.hertfordshire.platform.local.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Measures the time from a case's submission to its event being on Kafka, for the case benchmark:
 * follows {@code cases.events} from its current end for a given time and, for each submitted event,
 * takes (a) the record's timestamp, which the relay's producer sets as it sends, and (b) the moment
 * this consumer received it, each minus the event's {@code submittedAt} (the case-service
 * transaction's time). Prints {@code RESULT count=… create_p50_ms=… create_p99_ms=… seen_p50_ms=…
 * seen_p99_ms=… max_ms=…}. Usage: {@code SubmissionToKafka <bootstrap> <seconds>}.
 */
public final class SubmissionToKafka {

    private static final String TOPIC = "cases.events";
    private static final String SUBMITTED = "uk.gov.hertfordshire.case.submitted.v1";
    private static final Pattern SUBMITTED_AT =
            Pattern.compile("\"submittedAt\"\\s*:\\s*\"([^\"]+)\"");

    private SubmissionToKafka() {}

    public static void main(String[] args) {
        String bootstrap = args[0];
        Duration followFor = Duration.ofSeconds(Long.parseLong(args[1]));
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        5,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2000);
        List<Long> created = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(TOPIC).stream()
                            .map(info -> new TopicPartition(TOPIC, info.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            PrintStream out = System.out;
            out.println("READY");
            out.flush();
            Instant until = Instant.now().plus(followFor);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long receivedAt = System.currentTimeMillis();
                    Header type = record.headers().lastHeader("ce_type");
                    if (type == null
                            || !SUBMITTED.equals(
                                    new String(type.value(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    Matcher at =
                            SUBMITTED_AT.matcher(
                                    new String(record.value(), StandardCharsets.UTF_8));
                    if (!at.find()) {
                        continue;
                    }
                    long submittedAt = Instant.parse(at.group(1)).toEpochMilli();
                    created.add(record.timestamp() - submittedAt);
                    seen.add(receivedAt - submittedAt);
                }
            }
            out.printf(
                    "RESULT count=%d create_p50_ms=%d create_p99_ms=%d seen_p50_ms=%d"
                            + " seen_p99_ms=%d max_ms=%d%n",
                    seen.size(),
                    percentile(created, 50),
                    percentile(created, 99),
                    percentile(seen, 50),
                    percentile(seen, 99),
                    seen.isEmpty() ? 0 : Collections.max(seen));
        }
    }

    /** The nearest-rank percentile, or 0 for no values. */
    static long percentile(List<Long> values, int percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
