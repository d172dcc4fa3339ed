package uk.gov.hertfordshire.analytics.projection;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
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
 * reading each partition up to the cut-off taken when it started with plain consumers (no group, no
 * inbox), then switches what the API serves. One rebuild at a time, on a thread of its own, whose
 * readers share the partitions ({@code analytics.rebuild.readers}, ADR 50): while one reader's
 * batch waits for PostgreSQL, another's is read and folded, as the live path's consumers per
 * partition do (ADR 39).
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
        try {
            deleteRowsOf(generations.finished(settings.retiredGrace()));
            List<List<Generations.Cutoff>> shares =
                    RebuildReaders.shares(generations.cutoffs(generation), settings.readers());
            log.info(
                    "Rebuild {} reads {} partitions with {} readers",
                    generation,
                    shares.stream().mapToInt(List::size).sum(),
                    shares.size());
            RebuildReaders.readAll(shares, share -> read(generation, share));
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
        } catch (RuntimeException | Error e) {
            log.error("Rebuild {} failed; the served generation is unchanged", generation, e);
            if (DatabaseUnavailable.causedBy(e)) {
                // Nothing can be recorded now; without a heartbeat the generation is abandoned
                // (and its rows deleted) when the next rebuild starts after staleAfter.
                return;
            }
            // A reader still running commits nothing after this: its progress needs the
            // generation to be building (Generations.progress), so its transaction rolls back.
            generations.abandon(generation, e.getClass().getSimpleName() + ": " + e.getMessage());
            deleteRowsOf(List.of(generation));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** Reads the share's partitions from their begin offsets up to their cut-offs. */
    private void read(int generation, List<Generations.Cutoff> share) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Generations.Cutoff cutoff : share) {
            ends.put(new TopicPartition(cutoff.topic(), cutoff.partition()), cutoff.end());
        }
        KafkaConsumer<String, byte[]> consumer = consumer();
        try {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            while (!reachedCutoff(consumer, ends)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("stopped: another rebuild reader failed");
                }
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
        } finally {
            // Without waiting: a reader has no offsets to commit and no group to leave, and a
            // consumer at the end of its partitions has a fetch waiting at the broker for
            // fetch.max.wait.ms (500 ms), which a graceful close waits out (a tenth of a rebuild
            // of 100,000 events, docs/benchmarks/analytics-rebuild.md).
            consumer.close(CloseOptions.timeout(Duration.ZERO));
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
            for (int attempt = 1; ; attempt++) {
                try {
                    transactions.executeWithoutResult(
                            status -> {
                                apply(generation, inOrder, events);
                                generations.progress(generation, batch.size(), 0);
                            });
                    return;
                } catch (org.springframework.dao.TransientDataAccessException concurrentWrite) {
                    // Another reader or the live path held the same rows (a lock wait or a
                    // deadlock PostgreSQL broke): the whole batch again, before one by one.
                    if (attempt == 3) {
                        throw concurrentWrite;
                    }
                }
            }
        } catch (Generations.NoLongerBuildingException e) {
            throw e;
        } catch (RuntimeException batchFailed) {
            // One record spoiled the batch: apply them one by one and skip the ones that fail, as
            // the live path dead-letters them.
            for (ConsumerRecord<String, byte[]> record : batch) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("stopped: another rebuild reader failed");
                }
                try {
                    applyAlone(generation, record);
                } catch (RuntimeException e) {
                    if (e instanceof Generations.NoLongerBuildingException
                            || DatabaseUnavailable.causedBy(e)) {
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
     * topic at a time in the topics' name order, each topic's events in the order read.
     */
    private void apply(
            int generation, List<ReceivedEvent> events, Map<ReceivedEvent, String> topicOf) {
        // Topics in one order for every reader: two projectors write daily_count in statements of
        // their own, and two readers taking them in the poll's order could lock each other's rows
        // crosswise.
        Map<String, List<ReceivedEvent>> byTopicRead = new TreeMap<>();
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

    /** A consumer of its own: each reader has one, with a client id of its own. */
    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-rebuild-" + UUID.randomUUID());
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
