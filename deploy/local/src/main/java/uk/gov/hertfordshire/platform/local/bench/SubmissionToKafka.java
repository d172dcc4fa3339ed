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
 * notes the current end of {@code cases.events} and, for each submitted event after it, takes the
 * record's timestamp, which the relay's producer sets as it sends, minus the event's {@code
 * submittedAt} (the case-service transaction's time).
 *
 * <p>By default it reads nothing while the measured run goes on: it waits the given time, then
 * reads the records from the noted end, so the run does not pay for one more consumer (a JVM
 * fetching every few milliseconds took a tenth of the two cores). With {@code follow} it follows
 * the topic during the run instead, as before, and also takes (b) the moment it received each
 * event, minus {@code submittedAt}. Prints {@code RESULT count=… create_p50_ms=… create_p99_ms=…
 * seen_p50_ms=… seen_p99_ms=… max_ms=…} (the seen figures -1 unless following). Usage: {@code
 * SubmissionToKafka <bootstrap> <seconds> [follow]}.
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
        boolean follow = args.length > 2 && "follow".equals(args[2]);
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
            Map<TopicPartition, Long> end = Map.of();
            if (!follow) {
                idleUntil(until);
                end = consumer.endOffsets(partitions);
            }
            while (follow ? Instant.now().isBefore(until) : behind(consumer, end)) {
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
            List<Long> max = follow ? seen : created;
            out.printf(
                    "RESULT count=%d create_p50_ms=%d create_p99_ms=%d seen_p50_ms=%d"
                            + " seen_p99_ms=%d max_ms=%d%n",
                    created.size(),
                    percentile(created, 50),
                    percentile(created, 99),
                    follow ? percentile(seen, 50) : -1,
                    follow ? percentile(seen, 99) : -1,
                    max.isEmpty() ? 0 : Collections.max(max));
        }
    }

    /** Waits without fetching while the measured run goes on. */
    private static void idleUntil(Instant until) {
        long millis = Duration.between(Instant.now(), until).toMillis();
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis); // sleep-ok: a benchmark probe keeping off the CPU it measures
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while some partition's position is short of the end noted after the run. */
    private static boolean behind(
            KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue());
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
