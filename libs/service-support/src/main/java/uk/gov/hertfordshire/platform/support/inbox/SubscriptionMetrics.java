package uk.gov.hertfordshire.platform.support.inbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import uk.gov.hertfordshire.platform.support.metrics.GaugeRows;

/**
 * What operations need to see of each subscription, measured at the broker (as {@code
 * kafka-consumer-groups} would) so a stuck consumer shows as well as a slow one: its lag per
 * partition ({@code inbox_consumer_lag_events}) and the dead letters not yet re-driven ({@code
 * inbox_dead_letters_pending_events}: the lag of the replay group, {@code <group>.dlt-replay}, on
 * the dead-letter topic). Read from Kafka on a timer, not on each scrape, so a busy scraper costs
 * the broker nothing, through one admin client held for the service's life (no consumer per
 * subscription per refresh); while Kafka cannot be reached the last values stay and the failure is
 * logged once. The lag gauges are {@link GaugeRows}, so a scrape during a refresh still finds every
 * partition.
 */
final class SubscriptionMetrics implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionMetrics.class);

    private final List<EventSubscription> subscriptions;
    private final Map<String, Object> adminConfig;
    private final Duration refresh;
    private final GaugeRows lag;
    private final Object refreshing = new Object();
    private final Map<EventSubscription, Double> pending = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private Admin admin;
    private boolean failing;

    SubscriptionMetrics(
            List<EventSubscription> subscriptions,
            Map<String, Object> adminConfig,
            Duration refresh,
            MeterRegistry meters) {
        this.subscriptions = List.copyOf(subscriptions);
        this.adminConfig = adminConfig;
        this.refresh = refresh;
        this.lag =
                new GaugeRows(
                        MultiGauge.builder("inbox.consumer.lag")
                                .description(
                                        "Events on a partition the consumer group has not yet handled"
                                                + " (end offset minus committed offset)")
                                .baseUnit("events")
                                .register(meters));
        for (EventSubscription s : this.subscriptions) {
            pending.put(s, Double.NaN);
            Gauge.builder("inbox.dead.letters.pending", pending, p -> p.get(s))
                    .description(
                            "Events in the group's dead-letter topic not yet re-driven to its"
                                    + " handler")
                    .baseUnit("events")
                    .tags("group", s.consumerGroup(), "topic", s.topic())
                    .register(meters);
        }
    }

    /**
     * The timer's refresh and one asked for by hand never interleave; the lock is not the one
     * {@link #stop} takes, so stopping never waits for the broker.
     */
    void refresh() {
        synchronized (refreshing) {
            refreshOnce();
        }
    }

    private void refreshOnce() {
        try {
            Map<Tags, Long> lags = new HashMap<>();
            for (EventSubscription s : subscriptions) {
                lagByPartition(s.consumerGroup(), s.topic())
                        .forEach(
                                (partition, events) ->
                                        lags.put(
                                                Tags.of(
                                                        "group", s.consumerGroup(),
                                                        "topic", s.topic(),
                                                        "partition", String.valueOf(partition)),
                                                events));
                pending.put(s, (double) pending(s));
            }
            lag.set(lags);
            if (failing) {
                log.info("Consumer lag and dead letters are measured again");
            }
            failing = false;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (!failing) {
                log.warn("Cannot measure consumer lag and dead letters: {}", e.toString());
            }
            failing = true;
        }
    }

    /** Dead letters the replay group has not yet re-driven ({@link DeadLetterReplay}). */
    private long pending(EventSubscription s) throws Exception {
        try {
            return lagByPartition(DeadLetterReplay.replayGroup(s), s.deadLetterTopic())
                    .values()
                    .stream()
                    .mapToLong(Long::longValue)
                    .sum();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0; // no dead-letter topic (yet): nothing was dead-lettered
            }
            throw e;
        }
    }

    /** Per partition of the topic, the events the group has not yet committed. */
    private Map<Integer, Long> lagByPartition(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
        List<TopicPartition> partitions =
                admin
                        .describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(10, TimeUnit.SECONDS)
                        .get(topic)
                        .partitions()
                        .stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> begins =
                offsets(partitions, OffsetSpec.earliest());
        Map<Integer, Long> lags = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            // A group that has committed nothing reads from the earliest offset (as it is set).
            long from = done == null ? begins.get(partition).offset() : done.offset();
            lags.put(partition.partition(), Math.max(0, ends.get(partition).offset() - from));
        }
        return lags;
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(
            List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void start() {
        if (subscriptions.isEmpty() || timer != null) {
            return;
        }
        admin = Admin.create(adminConfig);
        timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread thread = new Thread(r, "subscription-metrics");
                            thread.setDaemon(true);
                            return thread;
                        });
        timer.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
        timer = null;
        admin = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
