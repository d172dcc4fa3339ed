package uk.gov.hertfordshire.cases.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
import uk.gov.hertfordshire.cases.CaseApi;
import uk.gov.hertfordshire.cases.CaseServiceApplication;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.Replicas;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Two instances of case-service on one database (as the cluster mode runs them) scan for due
 * response targets at the same moment: every case gets its event once, whichever instance claimed
 * it. Beside it, the positive control: the second instance's watch does emit when it scans alone.
 */
@PlatformIntegrationTest
class TargetWatchAcrossReplicasTest {

    static final int CASES = 40;
    static final String BREACHED = "uk.gov.hertfordshire.case.target-breached.v1";
    static final String APPROACHING = "uk.gov.hertfordshire.case.target-approaching.v1";
    static final TestIssuer.TokenBuilder BOB = TestIssuer.shared().citizen("bob");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired Environment environment;
    @Autowired TargetWatch watch;

    @Test
    void twoInstancesScanningAtOnceEmitEachCasesTargetEventOnce() {
        CaseApi api = new CaseApi(port);
        List<UUID> late = new ArrayList<>();
        List<UUID> soon = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            UUID id = api.submit(BOB, "pothole", "web", 51.62 + i * 0.008, -0.28);
            (i % 2 == 0 ? late : soon).add(id);
        }
        dueIn(late, "-1 hour");
        dueIn(soon, "1 hour");

        try (ConfigurableApplicationContext replica =
                Replicas.startAnother(
                        CaseServiceApplication.class,
                        environment,
                        List.of(),
                        Map.of("platform.cases.scheduling", "false"))) {
            TargetWatch other = replica.getBean(TargetWatch.class);

            List<Integer> emitted = Replicas.atOnce(60, watch::scan, other::scan);

            // Both transactions are over: each case has one target event in the outbox.
            assertThat(outboxCounts(late, BREACHED)).isEqualTo(onceEach(late));
            assertThat(outboxCounts(soon, APPROACHING)).isEqualTo(onceEach(soon));
            assertThat(emitted.get(0) + emitted.get(1)).isGreaterThanOrEqualTo(CASES);
            // And on the broker, once each.
            assertOnKafkaOnce(late, BREACHED);
            assertOnKafkaOnce(soon, APPROACHING);

            // The positive control: the second instance's watch works; alone, it emits.
            UUID alone = api.submit(BOB, "pothole", "web", 51.95, -0.28);
            dueIn(List.of(alone), "-1 hour");
            assertThat(other.scan()).isPositive();
            assertThat(outboxCounts(List.of(alone), BREACHED)).containsEntry(alone.toString(), 1L);
        }
    }

    private void dueIn(List<UUID> ids, String interval) {
        jdbc.sql(
                        "UPDATE service_case SET due_at = now() + CAST(:interval AS interval) WHERE"
                                + " id IN (:ids)")
                .param("interval", interval)
                .param("ids", ids)
                .update();
    }

    /** Outbox rows of this event type per case. */
    private Map<String, Long> outboxCounts(List<UUID> ids, String type) {
        return jdbc
                .sql(
                        "SELECT message_key, count(*) AS copies FROM platform.outbox WHERE"
                                + " event_type = :type AND message_key IN (:keys) GROUP BY"
                                + " message_key")
                .param("type", type)
                .param("keys", ids(ids))
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, Long> onceEach(List<UUID> ids) {
        return ids.stream().collect(Collectors.toMap(UUID::toString, id -> 1L));
    }

    private static List<String> ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }

    /**
     * Once the relay has sent every outbox row (so a second copy would be on the broker too), each
     * case has exactly one event of the type on Kafka.
     */
    private void assertOnKafkaOnce(List<UUID> ids, String type) {
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent() == 0);
        Map<String, Long> copies =
                KafkaTopicReader.copiesByKey(
                        TestInfrastructure.shared().kafkaBootstrapServers(), Topics.CASES, type);
        for (UUID id : ids) {
            assertThat(copies.get(id.toString())).as("copies of %s for %s", type, id).isEqualTo(1L);
        }
    }

    private int unsent() {
        return jdbc.sql("SELECT count(*) FROM platform.outbox WHERE sent_at IS NULL")
                .query(Integer.class)
                .single();
    }
}
