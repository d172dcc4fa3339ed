package uk.gov.hertfordshire.cases.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import uk.gov.hertfordshire.cases.CaseServiceApplication;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * The seeded catalogue is published at start-up so analytics can name its services: each seeded
 * service exactly once, not again when the publisher runs again, nor when a second instance starts
 * on the same database (a restart), while a definition not yet published is.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = CatalogueHttp.OWN_DATABASE)
class SeededCataloguePublicationTest {

    /** The services V3 seeds, written out here rather than read from the code under test. */
    static final List<String> SEEDED =
            List.of(
                    "blue-badge",
                    "drain-flooding",
                    "fly-tipping-highway",
                    "library-membership",
                    "overgrown-vegetation",
                    "pothole",
                    "rights-of-way",
                    "road-sign",
                    "school-transport",
                    "street-light");

    @Autowired ServiceDefinitionPublisher publisher;
    @Autowired JdbcClient jdbc;
    @Autowired Environment environment;

    @Test
    void eachSeededServiceIsPublishedOnceAcrossARepeatAndARestart() {
        Map<String, String> first = seededEventIds();
        assertThat(first).containsOnlyKeys(SEEDED);
        assertOnKafkaOnce(first);

        assertThat(publisher.publishUnpublished()).isZero();
        try (ConfigurableApplicationContext restarted = secondInstanceOnTheSameDatabase()) {
            assertThat(restarted.isActive()).isTrue();
        }

        assertThat(seededEventIds()).isEqualTo(first);
        assertOnKafkaOnce(first);
    }

    @Test
    void aDefinitionNotYetPublishedIsPublishedOnceByTheNextRun() {
        String code = CatalogueHttp.uniqueCode("winter-gritting");
        // As a later migration would seed a service: a row whose version was never published.
        jdbc.sql(
                        "INSERT INTO catalogue_service (code, name, service_group, description,"
                                + " response_target, response_unit, responsible_team,"
                                + " available_online, available_open311, public_realm) VALUES"
                                + " (:code, 'Road not gritted', 'Highways', 'An untreated road.',"
                                + " 4, 'working_hours', 'HWY-WINTER', true, true, true)")
                .param("code", code)
                .update();

        assertThat(publisher.publishUnpublished()).isEqualTo(1);
        assertThat(publisher.publishUnpublished()).isZero();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> CatalogueHttp.changesOf(code), changes -> !changes.isEmpty());
        List<ConsumerRecord<String, byte[]>> changes = CatalogueHttp.changesOf(code);
        assertThat(changes).hasSize(1);
        assertThat(CatalogueHttp.payload(changes.get(0)).get("teamCode").asString())
                .isEqualTo("HWY-WINTER");
    }

    /** The outbox's ServiceDefinitionChanged event id for each seeded service, by code. */
    private Map<String, String> seededEventIds() {
        Map<String, String> ids = new HashMap<>();
        jdbc.sql(
                        "SELECT message_key, event_id FROM platform.outbox WHERE event_type ="
                                + " :type AND message_key IN (:codes)")
                .param("type", CatalogueHttp.CHANGED_TYPE)
                .param("codes", SEEDED)
                .query(
                        (rs, row) -> {
                            String previous =
                                    ids.put(rs.getString("message_key"), rs.getString("event_id"));
                            assertThat(previous)
                                    .as("a second event for " + rs.getString("message_key"))
                                    .isNull();
                            return row;
                        })
                .list();
        return ids;
    }

    /** Each event id is on cases.events exactly once (the broker is shared with other tests). */
    private static void assertOnKafkaOnce(Map<String, String> eventIds) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            List<ConsumerRecord<String, byte[]>> records =
                                    KafkaTopicReader.readAll(
                                            TestInfrastructure.shared().kafkaBootstrapServers(),
                                            Topics.CASES);
                            eventIds.forEach(
                                    (code, id) ->
                                            assertThat(
                                                            records.stream()
                                                                    .filter(
                                                                            r ->
                                                                                    id.equals(
                                                                                            CatalogueHttp
                                                                                                    .header(
                                                                                                            r,
                                                                                                            "ce_id")))
                                                                    .map(ConsumerRecord::key)
                                                                    .toList())
                                                    .as(code)
                                                    .containsExactly(code));
                        });
    }

    /**
     * The same application again on this test's database and broker. As command-line arguments:
     * {@code SpringApplicationBuilder.properties} are defaults, below application.yml.
     */
    private ConfigurableApplicationContext secondInstanceOnTheSameDatabase() {
        Map<String, Object> properties = new HashMap<>(TestIssuer.shared().trustProperties());
        for (String name :
                List.of(
                        "spring.datasource.url",
                        "spring.datasource.username",
                        "spring.datasource.password",
                        "spring.kafka.bootstrap-servers")) {
            properties.put(name, environment.getRequiredProperty(name));
        }
        properties.put("server.port", "0");
        properties.put("platform.cases.scheduling", "false");
        String[] arguments =
                properties.entrySet().stream()
                        .map(p -> "--" + p.getKey() + "=" + p.getValue())
                        .toArray(String[]::new);
        return new SpringApplicationBuilder(CaseServiceApplication.class).run(arguments);
    }
}
