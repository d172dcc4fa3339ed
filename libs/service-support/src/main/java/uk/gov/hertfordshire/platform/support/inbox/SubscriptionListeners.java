package uk.gov.hertfordshire.platform.support.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.slf4j.MDC;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.util.backoff.ExponentialBackOff;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.MalformedEventException;
import uk.gov.hertfordshire.platform.support.SupportProperties;
import uk.gov.hertfordshire.platform.support.http.CorrelationId;

/**
 * Runs one Kafka listener container per {@link EventSubscription}: bounded retries with exponential
 * back-off, then the record goes to the group's dead-letter topic (same partition) with the failure
 * in its headers, and the consumer moves on to the next record.
 */
final class SubscriptionListeners implements SmartLifecycle {

    private static final String CORRELATION_HEADER = "ce_" + CloudEvents.CORRELATION_ID_EXTENSION;

    private final List<EventSubscription> subscriptions;
    private final Map<String, Object> consumerConfig;
    private final Inbox inbox;
    private final KafkaTemplate<String, byte[]> deadLetterTemplate;
    private final SupportProperties.Consumer settings;
    private final MeterRegistry meters;
    private final ApplicationContext context;
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
            ApplicationContext context) {
        this.subscriptions = List.copyOf(subscriptions);
        this.consumerConfig = consumerConfig;
        this.inbox = inbox;
        this.deadLetterTemplate = deadLetterTemplate;
        this.settings = settings;
        this.meters = meters;
        this.context = context;
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
        properties.setMessageListener(
                (MessageListener<String, byte[]>)
                        record ->
                                inbox.process(
                                        subscription.consumerGroup(),
                                        record,
                                        subscription.handler()));
        var container =
                new ConcurrentMessageListenerContainer<>(
                        new DefaultKafkaConsumerFactory<String, byte[]>(config), properties);
        container.setConcurrency(settings.concurrency());
        container.setBeanName(subscription.consumerGroup() + "-" + subscription.topic());
        container.setApplicationContext(context);
        container.setApplicationEventPublisher(context);
        container.setCommonErrorHandler(errorHandler(subscription));
        container.setRecordInterceptor(new CorrelationIdInterceptor());
        return container;
    }

    private DefaultErrorHandler errorHandler(EventSubscription subscription) {
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
