package uk.gov.hertfordshire.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestInfrastructureTest {

    @Test
    void choosesEmbeddedWhenNoDockerEngineAnswersAndContainersWhenForced() {
        String previous = System.getProperty("platform.test.infrastructure");
        try {
            System.setProperty("platform.test.infrastructure", "containers");
            assertThat(TestInfrastructure.chooseKind())
                    .isEqualTo(TestInfrastructure.Kind.CONTAINERS);
            System.clearProperty("platform.test.infrastructure");
            assertThat(TestInfrastructure.chooseKind())
                    .isEqualTo(
                            DockerEngine.answers()
                                    ? TestInfrastructure.Kind.CONTAINERS
                                    : TestInfrastructure.Kind.EMBEDDED);
        } finally {
            if (previous != null) {
                System.setProperty("platform.test.infrastructure", previous);
            }
        }
    }

    @Test
    void givesEachCallerAnEmptyDatabaseOfItsOwn() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        TestInfrastructure.Database first = infrastructure.newDatabase("first");
        TestInfrastructure.Database second = infrastructure.newDatabase("second");
        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        try (var connection =
                DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password())) {
            connection.createStatement().execute("CREATE TABLE marker (id int)");
        }
        try (var connection =
                        DriverManager.getConnection(
                                second.jdbcUrl(), second.username(), second.password());
                ResultSet tables =
                        connection.getMetaData().getTables(null, "public", "marker", null)) {
            assertThat(tables.next()).as("second database sees no table of the first").isFalse();
        }
    }

    @Test
    void sharedBrokerRefusesToAutoCreateTopicsButCarriesDeclaredOnes() throws Exception {
        String bootstrap = TestInfrastructure.shared().kafkaBootstrapServers();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("declared.topic", 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(roundTrip(bootstrap, "declared.topic")).isEqualTo("hello");
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            try (var producer = producer(bootstrap, 2000)) {
                producer.send(new ProducerRecord<>("undeclared.topic", "k", "v"));
                producer.flush();
            }
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .contains("declared.topic")
                    .doesNotContain("undeclared.topic");
        }
    }

    @Test
    void brokerProcessKeepsAcknowledgedRecordsAcrossAKill() throws Exception {
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.startNew()) {
            try (Admin admin =
                    Admin.create(
                            Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("survivor", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
            try (var producer = producer(broker.bootstrapServers(), 10000)) {
                producer.send(new ProducerRecord<>("survivor", "k", "before-kill"))
                        .get(30, TimeUnit.SECONDS);
            }
            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            broker.start();
            assertThat(roundTripRead(broker.bootstrapServers(), "survivor"))
                    .isEqualTo("before-kill");
        }
    }

    private static String roundTrip(String bootstrap, String topic) throws Exception {
        try (var producer = producer(bootstrap, 10000)) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get(30, TimeUnit.SECONDS);
        }
        return roundTripRead(bootstrap, topic);
    }

    private static String roundTripRead(String bootstrap, String topic) {
        try (var consumer =
                new KafkaConsumer<String, String>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "test-" + topic,
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    return records.iterator().next().value();
                }
            }
            return null;
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap, int maxBlockMs) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs),
                new StringSerializer(),
                new StringSerializer());
    }
}
