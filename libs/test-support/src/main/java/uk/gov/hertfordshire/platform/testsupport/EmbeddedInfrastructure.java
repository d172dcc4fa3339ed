package uk.gov.hertfordshire.platform.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** An in-JVM KRaft broker (spring-kafka-test) and PostgreSQL binaries from Maven Central. */
final class EmbeddedInfrastructure extends TestInfrastructure {

    private final EmbeddedKafkaKraftBroker kafka;
    private final EmbeddedPostgres postgres;

    EmbeddedInfrastructure() {
        kafka = new EmbeddedKafkaKraftBroker(1, 1);
        // Topics are declared by the services, as in production.
        kafka.brokerProperties(
                Map.of(
                        "auto.create.topics.enable", "false",
                        "group.initial.rebalance.delay.ms", "0",
                        "offsets.topic.num.partitions", "4"));
        kafka.afterPropertiesSet();
        try {
            postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "400").start();
        } catch (IOException e) {
            kafka.destroy();
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    @Override
    protected String postgresAdminUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    protected String postgresUser() {
        return "postgres";
    }

    @Override
    protected String postgresPassword() {
        return "postgres";
    }

    @Override
    public Kind kind() {
        return Kind.EMBEDDED;
    }

    @Override
    protected void stop() {
        kafka.destroy();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
