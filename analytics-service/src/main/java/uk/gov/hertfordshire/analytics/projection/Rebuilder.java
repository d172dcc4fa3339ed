package uk.gov.hertfordshire.analytics.projection;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.support.database.DatabaseUnavailable;

/**
 * Rebuilds every projection from the start of the log into a new generation beside the served one,
 * reading each partition up to the cut-off taken when it started with a plain consumer (no group,
 * no inbox), then switches what the API serves. One rebuild at a time, on a thread of its own.
 */
@Component
@EnableConfigurationProperties(RebuildProperties.class)
public class Rebuilder {

    private static final Logger log = LoggerFactory.getLogger(Rebuilder.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Generations generations;
    private final Map<String, List<Projector>> byTopic;
    private final List<String> tables;
    private final Map<String, Object> consumerConfig;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RebuildProperties settings;
    private final CloudEvents cloudEvents = new CloudEvents();
    private final ScheduledExecutorService worker =
            Executors.newSingleThreadScheduledExecutor(
                    runnable -> {
                        Thread thread = new Thread(runnable, "analytics-rebuild");
                        thread.setDaemon(true);
                        return thread;
                    });

    Rebuilder(
            Generations generations,
            List<Projector> projectors,
            KafkaProperties kafka,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            RebuildProperties settings) {
        this.generations = generations;
        this.byTopic = projectors.stream().collect(Collectors.groupingBy(Projector::topic));
        Set<String> allTables = new LinkedHashSet<>();
        allTables.add("applied_event");
        projectors.forEach(p -> allTables.addAll(p.tables()));
        this.tables = List.copyOf(allTables);
        this.settings = settings;
        this.consumerConfig = consumerConfig(kafka.buildConsumerProperties());
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    private Map<String, Object> consumerConfig(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-rebuild-" + UUID.randomUUID());
        return config;
    }

    /**
     * Starts a rebuild and returns at once with its generation.
     *
     * @throws Generations.RebuildInProgressException if one is running
     */
    public int start(String requestedBy) {
        int generation =
                generations.startBuilding(requestedBy, settings.staleAfter(), this::endOffsetsNow);
        log.info("Rebuild {} started by {}", generation, requestedBy);
        worker.execute(() -> run(generation));
        return generation;
    }

    private List<Generations.Cutoff> endOffsetsNow() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            return partitions.stream()
                    .map(
                            p ->
                                    new Generations.Cutoff(
                                            p.topic(), p.partition(), begins.get(p), ends.get(p)))
                    .toList();
        }
    }

    private void run(int generation) {
        long started = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            deleteRowsOf(generations.finished(settings.retiredGrace()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (Generations.Cutoff cutoff : generations.cutoffs(generation)) {
                if (cutoff.end() > cutoff.begin()) {
                    ends.put(new TopicPartition(cutoff.topic(), cutoff.partition()), cutoff.end());
                }
            }
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            while (!reachedCutoff(consumer, ends)) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
                    if (end != null && record.offset() < end) {
                        batch.add(record);
                    }
                }
                if (!batch.isEmpty()) {
                    applyBatch(generation, batch);
                }
            }
            int old = generations.switchTo(generation);
            log.info(
                    "Rebuild {} done in {} ms; serving it instead of generation {}",
                    generation,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    old);
            worker.schedule(
                    () -> deleteRowsOf(List.of(old)),
                    settings.retiredGrace().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            log.error("Rebuild {} failed; the served generation is unchanged", generation, e);
            if (DatabaseUnavailable.causedBy(e)) {
                // Nothing can be recorded now; without a heartbeat the generation is abandoned
                // (and its rows deleted) when the next rebuild starts after staleAfter.
                return;
            }
            generations.abandon(generation, e.getClass().getSimpleName() + ": " + e.getMessage());
            deleteRowsOf(List.of(generation));
        }
    }

    private void applyBatch(int generation, List<ConsumerRecord<String, byte[]>> batch) {
        try {
            Map<ReceivedEvent, String> events = new IdentityHashMap<>();
            List<ReceivedEvent> inOrder = new ArrayList<>(batch.size());
            for (ConsumerRecord<String, byte[]> record : batch) {
                ReceivedEvent event = cloudEvents.receive(record);
                events.put(event, record.topic());
                inOrder.add(event);
            }
            transactions.executeWithoutResult(
                    status -> {
                        apply(generation, inOrder, events);
                        generations.progress(generation, batch.size(), 0);
                    });
        } catch (RuntimeException batchFailed) {
            // One record spoiled the batch: apply them one by one and skip the ones that fail, as
            // the live path dead-letters them.
            for (ConsumerRecord<String, byte[]> record : batch) {
                try {
                    applyAlone(generation, record);
                } catch (RuntimeException e) {
                    if (DatabaseUnavailable.causedBy(e)) {
                        // Not the record's fault: skipping it would leave the rebuild's figures
                        // short. The rebuild fails instead, and is started again once it is back.
                        throw e;
                    }
                    log.warn(
                            "Rebuild {}: skipped {}-{}@{}: {}",
                            generation,
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            e.getMessage());
                    transactions.executeWithoutResult(
                            status -> generations.progress(generation, 1, 1));
                }
            }
        }
    }

    /**
     * One record in a transaction of its own. Near the end of a rebuild the live path writes the
     * same rows, so PostgreSQL may abort one side of a deadlock or lock wait: that is tried again
     * (a few times), never counted as a skipped event, or the rebuild's figures would differ.
     */
    private void applyAlone(int generation, ConsumerRecord<String, byte[]> record) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(
                        status -> {
                            applyOne(generation, record);
                            generations.progress(generation, 1, 0);
                        });
                return;
            } catch (org.springframework.dao.TransientDataAccessException transientFailure) {
                if (attempt == 5) {
                    throw transientFailure;
                }
                log.info(
                        "Rebuild {}: {}-{}@{} met a concurrent write ({}); trying again",
                        generation,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        transientFailure.getClass().getSimpleName());
            }
        }
    }

    private void applyOne(int generation, ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = cloudEvents.receive(record);
        apply(generation, List.of(event), Map.of(event, record.topic()));
    }

    /**
     * Events not yet in the generation go to the projectors of the topic each was read from, a
     * topic at a time, in the order read.
     */
    private void apply(
            int generation, List<ReceivedEvent> events, Map<ReceivedEvent, String> topicOf) {
        Map<String, List<ReceivedEvent>> byTopicRead = new LinkedHashMap<>();
        for (ReceivedEvent event : generations.markApplied(generation, events)) {
            byTopicRead.computeIfAbsent(topicOf.get(event), t -> new ArrayList<>()).add(event);
        }
        byTopicRead.forEach(
                (topic, fresh) -> {
                    for (Projector projector : byTopic.get(topic)) {
                        projector.apply(generation, fresh);
                    }
                });
    }

    private void deleteRowsOf(List<Integer> finished) {
        for (int generation : finished) {
            for (String table : tables) {
                jdbc.sql("DELETE FROM " + table + " WHERE generation = :generation")
                        .param("generation", generation)
                        .update();
            }
        }
    }

    private static boolean reachedCutoff(
            KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : byTopic.keySet()) {
            consumer.partitionsFor(topic)
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(
                consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
