package uk.gov.hertfordshire.platform.testsupport;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Apache Kafka and PostgreSQL in containers, for machines where a Docker engine answers. */
final class ContainerInfrastructure extends TestInfrastructure {

    static final String KAFKA_IMAGE = "apache/kafka-native:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:16-alpine";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    ContainerInfrastructure() {
        kafka = new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        postgres =
                new PostgreSQLContainer(POSTGRES_IMAGE)
                        .withCommand("postgres", "-c", "max_connections=400");
        kafka.start();
        postgres.start();
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    protected String postgresAdminUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    protected String postgresUser() {
        return postgres.getUsername();
    }

    @Override
    protected String postgresPassword() {
        return postgres.getPassword();
    }

    @Override
    public Kind kind() {
        return Kind.CONTAINERS;
    }

    @Override
    protected void stop() {
        kafka.stop();
        postgres.stop();
    }
}
