package uk.gov.hertfordshire.platform.support.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.platform.support.SupportProperties;
import uk.gov.hertfordshire.platform.support.outbox.OutboxAutoConfiguration;

/** Listeners, inbox and dead-letter replay for the service's {@link EventSubscription} beans. */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(SupportProperties.class)
public class InboxAutoConfiguration {

    @Bean
    Inbox inbox(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            MeterRegistry meters) {
        return new Inbox(
                new JdbcTemplate(dataSource), new TransactionTemplate(transactionManager), meters);
    }

    @Bean
    SubscriptionListeners subscriptionListeners(
            ObjectProvider<EventSubscription> subscriptions,
            KafkaProperties kafka,
            Inbox inbox,
            @Qualifier("platformEventTemplate") KafkaTemplate<String, byte[]> platformEventTemplate,
            SupportProperties support,
            MeterRegistry meters,
            ApplicationContext context,
            ObjectProvider<ObservationRegistry> observations) {
        return new SubscriptionListeners(
                subscriptions.orderedStream().toList(),
                consumerConfig(kafka),
                inbox,
                platformEventTemplate,
                support.consumer(),
                meters,
                context,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    DeadLetterReplay deadLetterReplay(
            ObjectProvider<EventSubscription> subscriptions,
            KafkaProperties kafka,
            Inbox inbox,
            DataSource dataSource) {
        List<EventSubscription> all = subscriptions.orderedStream().toList();
        return new DeadLetterReplay(
                all,
                consumerConfig(kafka),
                inbox,
                new ParkedDeadLetters(new JdbcTemplate(dataSource)));
    }

    @Bean
    DeadLettersEndpoint deadLettersEndpoint(DeadLetterReplay replay) {
        return new DeadLettersEndpoint(replay);
    }

    @Bean
    SubscriptionMetrics subscriptionMetrics(
            ObjectProvider<EventSubscription> subscriptions,
            KafkaProperties kafka,
            Environment environment,
            MeterRegistry meters) {
        return new SubscriptionMetrics(
                subscriptions.orderedStream().toList(),
                kafka.buildAdminProperties(),
                environment.getProperty(
                        "platform.support.metrics.refresh", Duration.class, Duration.ofSeconds(10)),
                meters);
    }

    private static Map<String, Object> consumerConfig(KafkaProperties kafka) {
        return SubscriptionListeners.consumerConfig(kafka.buildConsumerProperties());
    }
}
