package uk.gov.hertfordshire.platform.support.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.CommonDelegatingErrorHandler;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.MalformedEventException;
import uk.gov.hertfordshire.platform.support.SupportProperties;
import uk.gov.hertfordshire.platform.support.database.DatabaseUnavailableException;
import uk.gov.hertfordshire.platform.support.http.CorrelationId;

/**
 * Runs one Kafka listener container per {@link EventSubscription}: bounded retries with exponential
 * back-off, then the record goes to the group's dead-letter topic (same partition) with the failure
 * in its headers, and the consumer moves on to the next record. A failure because the database is
 * unavailable is not the record's fault: that record is retried until the database returns.
 *
 * <p>A subscription whose handler is a {@link BatchEventHandler} gets each poll in one inbox
 * transaction. If that fails, the poll's records are handled one by one, each in its own
 * transaction; the first that fails is reported to the error handler by its index, which commits
 * those before it, retries it with back-off and then dead-letters it alone, and the records after
 * it come again in the next poll. Each record whose trace is sampled (or has none) gets its own
 * consumer span, a child of its send span, covering the batch that handled it; with the inbox's
 * debug line on, every record gets one, so that line carries the record's trace id as a record
 * listener's would.
 */
final class SubscriptionListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionListeners.class);

    private static final String CORRELATION_HEADER = "ce_" + CloudEvents.CORRELATION_ID_EXTENSION;

    private final List<EventSubscription> subscriptions;
    private final Map<String, Object> consumerConfig;
    private final Inbox inbox;
    private final KafkaTemplate<String, byte[]> deadLetterTemplate;
    private final SupportProperties.Consumer settings;
    private final MeterRegistry meters;
    private final ApplicationContext context;
    private final ObservationRegistry observations;
    private final List<ConcurrentMessageListenerContainer<String, byte[]>> containers =
            new ArrayList<>();
    private volatile boolean running;

    SubscriptionListeners(
            List<EventSubscription> subscriptions,
            Map<String, Object> consumerConfig,
            Inbox inbox,
            KafkaTemplate<String, byte[]> deadLetterTemplate,
            SupportProperties.Consumer settings,
            MeterRegistry meters,
            ApplicationContext context,
            ObservationRegistry observations) {
        this.subscriptions = List.copyOf(subscriptions);
        this.consumerConfig = consumerConfig;
        this.inbox = inbox;
        this.deadLetterTemplate = deadLetterTemplate;
        this.settings = settings;
        this.meters = meters;
        this.context = context;
        this.observations = observations;
    }

    /** Consumer settings shared by the listeners and the dead-letter replay. */
    static Map<String, Object> consumerConfig(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new consumer group reads the topic's whole history: projections start from the
        // beginning.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return config;
    }

    @Override
    public void start() {
        for (EventSubscription subscription : subscriptions) {
            containers.add(container(subscription));
        }
        containers.forEach(ConcurrentMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        containers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private ConcurrentMessageListenerContainer<String, byte[]> container(
            EventSubscription subscription) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, subscription.consumerGroup());
        ContainerProperties properties = new ContainerProperties(subscription.topic());
        properties.setGroupId(subscription.consumerGroup());
        properties.setObservationEnabled(true);
        String name = subscription.consumerGroup() + "-" + subscription.topic();
        if (subscription.handler() instanceof BatchEventHandler batchHandler) {
            properties.setMessageListener(
                    (BatchMessageListener<String, byte[]>)
                            records -> handleBatch(subscription, batchHandler, records, name));
        } else {
            properties.setMessageListener(
                    (MessageListener<String, byte[]>)
                            record -> {
                                try {
                                    inbox.process(
                                            subscription.consumerGroup(),
                                            record,
                                            subscription.handler());
                                } catch (RuntimeException e) {
                                    throw DatabaseUnavailableException.classify(e);
                                }
                            });
        }
        var container =
                new ConcurrentMessageListenerContainer<>(
                        new DefaultKafkaConsumerFactory<String, byte[]>(config), properties);
        container.setConcurrency(settings.concurrency());
        container.setBeanName(name);
        container.setApplicationContext(context);
        container.setApplicationEventPublisher(context);
        container.setCommonErrorHandler(errorHandler(subscription));
        container.setRecordInterceptor(new CorrelationIdInterceptor());
        return container;
    }

    private void handleBatch(
            EventSubscription subscription,
            BatchEventHandler handler,
            List<ConsumerRecord<String, byte[]>> records,
            String listenerId) {
        String group = subscription.consumerGroup();
        // A consumer span for each record whose trace records spans, or whose handling is logged
        // (the inbox's debug line carries the span's ids). A record whose sender's trace is not
        // sampled, with that line off, would get a non-recording span that nothing reads: a
        // quarter of the projection's CPU, so it gets none (ADR 26).
        boolean logged = inbox.logsEachDelivery();
        List<Observation> spans = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            spans.add(
                    logged || !TraceParent.unsampled(record)
                            ? consumerSpan(record, listenerId, group)
                            : null);
        }
        List<Inbox.Delivery> deliveries;
        try {
            deliveries = inbox.processBatch(group, records, handler);
        } catch (RuntimeException batchFailed) {
            for (Observation span : spans) {
                if (span != null) {
                    span.stop();
                }
            }
            log.info(
                    "A batch of {} from {} failed ({}); handling its records one by one",
                    records.size(),
                    subscription.topic(),
                    batchFailed.toString());
            handleOneByOne(subscription, records);
            return;
        }
        for (int i = 0; i < records.size(); i++) {
            Observation span = spans.get(i);
            if (span == null) {
                continue;
            }
            ConsumerRecord<String, byte[]> record = records.get(i);
            Inbox.Delivery delivery = deliveries.get(i);
            try (Observation.Scope scope = span.openScope()) {
                withCorrelationId(record, () -> inbox.logged(group, record, delivery));
            }
            span.stop();
        }
    }

    /** Spring Kafka's listener observation for one record: a child of its send span. */
    private Observation consumerSpan(
            ConsumerRecord<String, byte[]> record, String listenerId, String group) {
        return KafkaListenerObservation.LISTENER_OBSERVATION
                .observation(
                        null,
                        KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                        () ->
                                new KafkaRecordReceiverContext(
                                        record, listenerId, null, group, () -> null),
                        observations)
                .start();
    }

    /** Each record in its own inbox transaction, as a record listener would. */
    private void handleOneByOne(
            EventSubscription subscription, List<ConsumerRecord<String, byte[]>> records) {
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                withCorrelationId(
                        record,
                        () ->
                                inbox.process(
                                        subscription.consumerGroup(),
                                        record,
                                        subscription.handler()));
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(
                        "cannot handle "
                                + record.topic()
                                + "-"
                                + record.partition()
                                + "@"
                                + record.offset()
                                + ": "
                                + e.getMessage(),
                        DatabaseUnavailableException.classify(e),
                        i);
            }
        }
    }

    private static void withCorrelationId(ConsumerRecord<String, byte[]> record, Runnable work) {
        Header header = record.headers().lastHeader(CORRELATION_HEADER);
        if (header == null) {
            work.run();
            return;
        }
        MDC.put(CorrelationId.MDC_KEY, new String(header.value(), StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }

    /**
     * Two error handlers, each keeping its own count of attempts. A record whose handling failed
     * because the database is unavailable ({@link DatabaseUnavailableException} anywhere in the
     * cause chain) is retried every {@code max-backoff} for as long as that lasts, never counted
     * against its attempts nor dead-lettered: nothing is wrong with the record, and the partition
     * waits, in order, until the database returns. Every other failure has the bounded retries and
     * then the dead-letter topic.
     */
    private CommonErrorHandler errorHandler(EventSubscription subscription) {
        DefaultErrorHandler untilTheDatabaseReturns =
                new DefaultErrorHandler(
                        new FixedBackOff(
                                settings.maxBackoff().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS));
        untilTheDatabaseReturns.setLogLevel(KafkaException.Level.WARN);
        CommonDelegatingErrorHandler handler =
                new CommonDelegatingErrorHandler(boundedRetriesThenDeadLetter(subscription));
        handler.setCauseChainTraversing(true);
        handler.addDelegate(DatabaseUnavailableException.class, untilTheDatabaseReturns);
        return handler;
    }

    private DefaultErrorHandler boundedRetriesThenDeadLetter(EventSubscription subscription) {
        DeadLetterPublishingRecoverer recoverer =
                new DeadLetterPublishingRecoverer(
                        deadLetterTemplate,
                        (record, exception) ->
                                new TopicPartition(
                                        subscription.deadLetterTopic(), record.partition()));
        ExponentialBackOff backOff = new ExponentialBackOff();
        backOff.setInitialInterval(settings.initialBackoff().toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        backOff.setMaxAttempts(Math.max(0, settings.maxAttempts() - 1));
        DefaultErrorHandler handler =
                new DefaultErrorHandler(
                        (record, exception) -> {
                            recoverer.accept(record, exception);
                            Counter.builder("inbox.dead.lettered")
                                    .description(
                                            "Events sent to the group's dead-letter topic after"
                                                    + " their retries failed")
                                    .baseUnit("events")
                                    .tags(
                                            "group",
                                            subscription.consumerGroup(),
                                            "topic",
                                            subscription.topic())
                                    .register(meters)
                                    .increment();
                        },
                        backOff);
        // An event that is not a readable CloudEvent will never become one: no point retrying.
        handler.addNotRetryableExceptions(MalformedEventException.class);
        return handler;
    }

    /** Puts the event's correlation id in the logging context while it is handled. */
    private static final class CorrelationIdInterceptor
            implements RecordInterceptor<String, byte[]> {

        @Override
        public ConsumerRecord<String, byte[]> intercept(
                ConsumerRecord<String, byte[]> record, Consumer<String, byte[]> consumer) {
            Header header = record.headers().lastHeader(CORRELATION_HEADER);
            if (header != null) {
                MDC.put(CorrelationId.MDC_KEY, new String(header.value(), StandardCharsets.UTF_8));
            }
            return record;
        }

        @Override
        public void afterRecord(
                ConsumerRecord<String, byte[]> record, Consumer<String, byte[]> consumer) {
            MDC.remove(CorrelationId.MDC_KEY);
        }
    }
}
