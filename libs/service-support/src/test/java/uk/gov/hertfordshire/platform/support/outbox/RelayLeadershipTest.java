package uk.gov.hertfordshire.platform.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.SupportProperties;
import uk.gov.hertfordshire.platform.support.testapp.TestServiceApplication;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

/** Two replicas of a service, one database: one relays, the other takes over when it stops. */
@PlatformIntegrationTest
class RelayLeadershipTest {

    @Autowired OutboxRelay firstReplica;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;

    @Autowired
    @Qualifier("platformEventTemplate")
    KafkaTemplate<String, byte[]> template;

    @Autowired SupportProperties support;
    @Autowired TestServiceApplication.WidgetService widgets;

    @Test
    void onlyOneReplicaRelaysAndTheOtherTakesOverWithoutSendingAnyEventTwice() {
        OutboxRelay secondReplica =
                new OutboxRelay(
                        dataSource,
                        new TransactionTemplate(transactions),
                        template,
                        support.outbox(),
                        new SimpleMeterRegistry(),
                        RelaySpans.NONE);
        secondReplica.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(firstReplica::isLeader);
            List<UUID> written = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                written.add(widgets.create("pothole"));
            }
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> firstReplica.isLeader() && !secondReplica.isLeader());

            firstReplica.stop();
            await("the second replica takes over")
                    .atMost(Duration.ofSeconds(10))
                    .until(secondReplica::isLeader);
            for (int i = 0; i < 30; i++) {
                written.add(widgets.create("pothole"));
            }

            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    counts().keySet()
                                            .containsAll(
                                                    written.stream().map(UUID::toString).toList()));
            Map<String, Long> counts = counts();
            written.forEach(
                    id ->
                            assertThat(counts.get(id.toString()))
                                    .as("copies of %s", id)
                                    .isEqualTo(1));
        } finally {
            secondReplica.stop();
            firstReplica.start();
        }
    }

    private static Map<String, Long> counts() {
        return KafkaTopicReader.readAll(
                        TestInfrastructure.shared().kafkaBootstrapServers(), Topics.CASES)
                .stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    }
}
