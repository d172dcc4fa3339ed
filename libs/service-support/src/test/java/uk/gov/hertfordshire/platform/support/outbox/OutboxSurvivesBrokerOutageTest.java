package uk.gov.hertfordshire.platform.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.testapp.TestServiceApplication;
import uk.gov.hertfordshire.platform.testsupport.KafkaBrokerProcess;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

/**
 * Kafka goes away after the relay has already delivered to it, events keep being written, and when
 * the broker is back every one of them arrives, once. The broker is this test's own process.
 */
@SpringBootTest(
        classes = uk.gov.hertfordshire.platform.support.SupportTestApplication.class,
        properties = "platform.support.outbox.send-timeout=3s")
class OutboxSurvivesBrokerOutageTest {

    static final KafkaBrokerProcess broker = KafkaBrokerProcess.startNew();

    @DynamicPropertySource
    static void ownBrokerAndDatabase(DynamicPropertyRegistry registry) {
        TestInfrastructure.Database database =
                TestInfrastructure.shared().newDatabase("outbox_outage");
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Autowired TestServiceApplication.WidgetService widgets;
    @Autowired MeterRegistry meters;

    @Test
    void eventsWrittenWhileKafkaIsDownArriveOnceWhenItIsBack() {
        UUID beforeOutage = widgets.create("pothole");
        await("relay delivers to the running broker")
                .atMost(Duration.ofSeconds(60))
                .until(() -> keysOnTopic().containsKey(beforeOutage.toString()));

        broker.kill();
        List<UUID> duringOutage = new ArrayList<>();
        // Several relay batches' worth (batch size 500), so the backlog drains in batches.
        for (int i = 0; i < 1_200; i++) {
            duringOutage.add(widgets.create("street-light"));
        }
        await("backlog holds every event written during the outage")
                .atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("outbox.backlog").gauge().value() >= 1_200);

        broker.start();
        await("every event written during the outage is delivered")
                .atMost(Duration.ofSeconds(90))
                .until(
                        () ->
                                keysOnTopic()
                                        .keySet()
                                        .containsAll(
                                                duringOutage.stream()
                                                        .map(UUID::toString)
                                                        .toList()));
        Map<String, Long> counts = keysOnTopic();
        for (UUID id : duringOutage) {
            assertThat(counts.get(id.toString())).as("copies of %s", id).isEqualTo(1L);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meters.get("outbox.backlog").gauge().value() == 0);
    }

    private static Map<String, Long> keysOnTopic() {
        return KafkaTopicReader.readAll(broker.bootstrapServers(), Topics.CASES).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    }
}
