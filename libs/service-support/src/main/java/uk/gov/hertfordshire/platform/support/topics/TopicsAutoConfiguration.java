package uk.gov.hertfordshire.platform.support.topics;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.SupportProperties;
import uk.gov.hertfordshire.platform.support.inbox.EventSubscription;

/**
 * Declares every domain topic (each service declares all five, so start-up order does not matter)
 * and the dead-letter topics of this service's subscriptions; Spring Kafka's admin creates the
 * missing ones at start-up.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(SupportProperties.class)
@ConditionalOnProperty(
        name = "platform.support.topics.declare",
        havingValue = "true",
        matchIfMissing = true)
public class TopicsAutoConfiguration {

    /** Keep records for ever: the event log is the source projections are rebuilt from. */
    static final String FOREVER = "-1";

    @Bean
    KafkaAdmin.NewTopics platformTopics(
            SupportProperties support, ObjectProvider<EventSubscription> subscriptions) {
        SupportProperties.Topics settings = support.topics();
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(topic(topic, settings));
        }
        subscriptions
                .orderedStream()
                .map(EventSubscription::deadLetterTopic)
                .distinct()
                .forEach(deadLetter -> topics.add(topic(deadLetter, settings)));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, SupportProperties.Topics settings) {
        return TopicBuilder.name(name)
                .partitions(settings.partitions())
                .replicas(settings.replicationFactor())
                .config(TopicConfig.RETENTION_MS_CONFIG, FOREVER)
                .config(
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                        String.valueOf(settings.minInSyncReplicas()))
                .build();
    }
}
