package uk.gov.hertfordshire.platform.support.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.platform.support.SupportProperties;

/** The outbox, its relay and their metrics, for every service with a database. */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(SupportProperties.class)
public class OutboxAutoConfiguration {

    /** The producer every platform event leaves by: no loss, no duplicates, order per key. */
    @Bean
    KafkaTemplate<String, byte[]> platformEventTemplate(
            KafkaProperties kafka, SupportProperties support) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int timeout = (int) support.outbox().sendTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        // Kafka requires delivery.timeout >= linger + request.timeout.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout / 2, 5000));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeout / 2, 5000));
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    @Bean
    @ConditionalOnProperty(
            name = "platform.support.outbox.relay-enabled",
            havingValue = "true",
            matchIfMissing = true)
    OutboxRelay outboxRelay(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            @Qualifier("platformEventTemplate") KafkaTemplate<String, byte[]> platformEventTemplate,
            SupportProperties support,
            MeterRegistry meters,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new OutboxRelay(
                dataSource,
                new TransactionTemplate(transactionManager),
                platformEventTemplate,
                support.outbox(),
                meters,
                new RelaySpans(tracer.getIfUnique(), propagator.getIfUnique()));
    }

    @Bean
    Outbox outbox(
            DataSource dataSource,
            ObjectProvider<OutboxRelay> relay,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new JdbcOutbox(
                new JdbcTemplate(dataSource),
                relay.getIfAvailable(),
                tracer.getIfAvailable(),
                propagator.getIfAvailable());
    }

    @Bean
    OutboxMetrics outboxMetrics(DataSource dataSource, MeterRegistry meters) {
        return new OutboxMetrics(new JdbcTemplate(dataSource), meters);
    }
}
