package uk.gov.hertfordshire.content.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.expect;
import static uk.gov.hertfordshire.content.support.ContentApi.page;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import uk.gov.hertfordshire.content.ContentServiceApplication;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.Replicas;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

/**
 * Two instances of content-service on one database (as the cluster mode runs them) run the schedule
 * watch at the same moment over many due items: each item is published once, whichever instance
 * claimed it. Beside it, the positive control: the second instance's watch publishes when it runs
 * alone. (The context is ScheduledPublicationIntegrationTest's: no watch of its own.)
 */
@PlatformIntegrationTest
@TestPropertySource(properties = "platform.content.scheduling=false")
class PublicationWatchAcrossReplicasTest {

    static final int ITEMS = 30;
    static final String PUBLISHED = "uk.gov.hertfordshire.content.published.v1";

    @LocalServerPort int port;
    @Autowired Environment environment;
    @Autowired KnownServices services;
    @Autowired JdbcClient jdbc;
    @Autowired PublicationWatch watch;

    @Test
    void twoInstancesRunningTheWatchAtOncePublishEachDueItemOnce() {
        ContentApi.announceServices(services, "pothole");
        ContentApi api = new ContentApi(port);
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            due.add(scheduled(api, "/once/item-" + i));
        }
        UUID alone = scheduled(api, "/once/alone");
        fallDue(due);

        try (ConfigurableApplicationContext replica =
                Replicas.startAnother(
                        ContentServiceApplication.class,
                        environment,
                        List.of(),
                        Map.of("platform.content.scheduling", "false"))) {
            PublicationWatch other = replica.getBean(PublicationWatch.class);

            // What the scheduler runs in each instance, at the same moment.
            List<Integer> done = Replicas.atOnce(60, watch::runDue, other::runDue);

            // (The seeded items' first announcement may be among what was done.)
            assertThat(done.get(0) + done.get(1)).isGreaterThanOrEqualTo(ITEMS);
            assertThat(statuses(due))
                    .isEqualTo(
                            due.stream()
                                    .collect(Collectors.toMap(UUID::toString, id -> "published")));
            // Both transactions are over: each item has one content.published in the outbox.
            assertThat(publishedInOutbox(due))
                    .isEqualTo(due.stream().collect(Collectors.toMap(UUID::toString, id -> 1L)));
            assertPublishedOnceOnKafka(due);

            // The positive control: the second instance's watch works; alone, it publishes.
            fallDue(List.of(alone));
            assertThat(other.runDue()).isPositive();
            assertThat(statuses(List.of(alone))).containsValue("published");
            assertPublishedOnceOnKafka(List.of(alone));
        }
    }

    /** An item submitted and scheduled an hour ahead (the API refuses a time in the past). */
    private static UUID scheduled(ContentApi api, String path) {
        UUID id =
                api.created(ERIN, page(path + "-" + UUID.randomUUID(), "Once", "Published once."));
        expect(api.act(ERIN, id, "submit", null), 200);
        expect(
                api.act(
                        FRANK,
                        id,
                        "schedule",
                        "{\"publishAt\":\"" + Instant.now().plusSeconds(3600) + "\"}"),
                200);
        return id;
    }

    /** Its time comes: the schedule moves into the past, as the clock would move it. */
    private void fallDue(List<UUID> ids) {
        jdbc.sql(
                        "UPDATE content_item SET publish_at = now() - interval '1 second' WHERE id"
                                + " IN (:ids)")
                .param("ids", ids)
                .update();
    }

    private Map<String, String> statuses(List<UUID> ids) {
        return jdbc
                .sql("SELECT id, status FROM content_item WHERE id IN (:ids)")
                .param("ids", ids)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Once the relay has sent every outbox row (so a second copy would be on the broker too), each
     * item has exactly one {@code content.published} on Kafka.
     */
    private void assertPublishedOnceOnKafka(List<UUID> ids) {
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent() == 0);
        Map<String, Long> copies =
                KafkaTopicReader.copiesByKey(
                        TestInfrastructure.shared().kafkaBootstrapServers(),
                        Topics.CONTENT,
                        PUBLISHED);
        for (UUID id : ids) {
            assertThat(copies.get(id.toString())).as("content.published for %s", id).isEqualTo(1L);
        }
    }

    private int unsent() {
        return jdbc.sql("SELECT count(*) FROM platform.outbox WHERE sent_at IS NULL")
                .query(Integer.class)
                .single();
    }

    /** Outbox rows of {@code content.published} per item. */
    private Map<String, Long> publishedInOutbox(List<UUID> ids) {
        return jdbc
                .sql(
                        "SELECT message_key, count(*) FROM platform.outbox WHERE event_type ="
                                + " :type AND message_key IN (:keys) GROUP BY message_key")
                .param("type", PUBLISHED)
                .param("keys", ids.stream().map(UUID::toString).toList())
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
