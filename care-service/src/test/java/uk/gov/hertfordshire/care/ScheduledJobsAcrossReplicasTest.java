package uk.gov.hertfordshire.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.care.clocks.ClockWatch;
import uk.gov.hertfordshire.care.protection.AccessAuditCounts;
import uk.gov.hertfordshire.care.protection.CareKeys;
import uk.gov.hertfordshire.care.protection.FieldCipher;
import uk.gov.hertfordshire.care.protection.KeyFiles;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.Replicas;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

/**
 * Two instances of care-service on one database (as the cluster mode runs them) run each scheduled
 * job that has an effect at the same moment: the clock watch and the hourly access-audit counts.
 * Each effect happens once, whichever instance did it; beside each, the positive control that the
 * second instance's job does the work when it runs alone. And each instance follows the shared key
 * file by itself: a new active key reaches the instance nobody asked to rotate.
 */
@CareIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledJobsAcrossReplicasTest {

    static final String EVENT = "uk.gov.hertfordshire.care.";
    static final String AUDIT_COUNTED = EVENT + "access-audit-counted.v1";
    static final int REFERRALS = 20;
    static final String KEY_FILE = "platform.care.keys.file";

    @LocalServerPort int port;
    @Autowired Environment environment;
    @Autowired JdbcClient jdbc;
    @Autowired ClockWatch watch;
    @Autowired AccessAuditCounts counts;

    ConfigurableApplicationContext replica;

    @BeforeAll
    void startTheSecondInstance() {
        replica =
                Replicas.startAnother(
                        CareServiceApplication.class,
                        environment,
                        List.of(
                                "spring.flyway.user",
                                "spring.flyway.password",
                                "spring.flyway.placeholders.runtime_role",
                                KEY_FILE),
                        Map.of("platform.care.scheduling", "false"));
    }

    @AfterAll
    void stopIt() {
        replica.close();
    }

    @Test
    void theClockWatchEmitsEachClocksEventOnceAcrossTwoInstances() throws Exception {
        CareHttp http = new CareHttp(port);
        List<UUID> referrals = new ArrayList<>();
        for (int i = 0; i < REFERRALS; i++) {
            referrals.add(http.recordAdultReferral());
        }
        UUID alone = http.recordAdultReferral();
        try {
            dueIn(referrals, "triage", "-1 minute");
            dueIn(referrals, "s42_decision", "1 hour");
            ClockWatch other = replica.getBean(ClockWatch.class);

            List<Integer> emitted = Replicas.atOnce(60, watch::scan, other::scan);

            assertThat(emitted.get(0) + emitted.get(1)).isGreaterThanOrEqualTo(2 * REFERRALS);
            assertThat(clockEvents(referrals))
                    .isEqualTo(
                            referrals.stream()
                                    .collect(
                                            Collectors.toMap(
                                                    UUID::toString,
                                                    id ->
                                                            List.of(
                                                                    EVENT + "clock-approaching.v1",
                                                                    EVENT + "clock-breached.v1"))));
            assertOnKafkaOnce(referrals, EVENT + "clock-breached.v1");
            assertOnKafkaOnce(referrals, EVENT + "clock-approaching.v1");

            // The positive control: the second instance's watch works; alone, it emits.
            dueIn(List.of(alone), "triage", "-1 minute");
            assertThat(other.scan()).isPositive();
            assertThat(clockEvents(List.of(alone)))
                    .containsEntry(alone.toString(), List.of(EVENT + "clock-breached.v1"));
        } finally {
            // Stopped, so the other tests' watch scans see none of these clocks.
            referrals.add(alone);
            jdbc.sql("UPDATE referral_clock SET stopped_at = now() WHERE referral_id IN (:ids)")
                    .param("ids", referrals)
                    .update();
        }
    }

    @Test
    void eachAuditHourIsPublishedOnceAcrossTwoInstances() {
        Instant hour = unpublishedHour();
        // An access in the test's first hour, so there is an audit to count from.
        jdbc.sql(
                        "INSERT INTO access_audit (at, actor, action, purpose) VALUES (:at,"
                                + " 'practitioner-grace', 'referral.read', 'triage')")
                .param("at", Timestamp.from(hour.plusSeconds(5)))
                .update();
        counts.publishUpTo(hour.plusSeconds(60)); // the hours before the test's, so it starts clean
        AccessAuditCounts other = replica.getBean(AccessAuditCounts.class);
        Instant fiveHoursLater = hour.plus(5, ChronoUnit.HOURS).plusSeconds(61);

        List<Integer> published =
                Replicas.atOnce(
                        60,
                        () -> counts.publishUpTo(fiveHoursLater),
                        () -> other.publishUpTo(fiveHoursLater));

        assertThat(published.get(0) + published.get(1)).isEqualTo(5);
        assertThat(publishedHours(hour)).isEqualTo(onceEach(hour, 5));

        // The positive control: the second instance's job works; alone, it publishes the next.
        assertThat(other.publishUpTo(fiveHoursLater.plus(1, ChronoUnit.HOURS))).isEqualTo(1);
        assertThat(publishedHours(hour)).isEqualTo(onceEach(hour, 6));
    }

    @Test
    void theSecondInstanceTakesUpANewActiveKeyByItselfWithinSeconds() throws Exception {
        CareKeys otherKeys = replica.getBean(CareKeys.class);
        String before = otherKeys.activeKeyId();
        // The control: while the file does not change, its keys stay and the file is not read.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> otherKeys.activeKeyId().equals(before));
        assertThat(otherKeys.reloadIfChanged()).isFalse();

        String newKey = KeyFiles.newKeyId();
        KeyFiles.addActiveKey(Path.of(environment.getRequiredProperty(KEY_FILE)), newKey);

        // No request to the second instance: it looks at the file itself.
        await().atMost(Duration.ofSeconds(10)).until(() -> otherKeys.activeKeyId().equals(newKey));
        byte[] sealed = replica.getBean(FieldCipher.class).seal("a reason", "decision:x:decided");
        assertThat(FieldCipher.keyIdOf(sealed)).isEqualTo(newKey);
    }

    private void dueIn(List<UUID> referrals, String kind, String interval) {
        jdbc.sql(
                        "UPDATE referral_clock SET due_at = now() + CAST(:interval AS interval)"
                                + " WHERE referral_id IN (:ids) AND kind = :kind")
                .param("interval", interval)
                .param("ids", referrals)
                .param("kind", kind)
                .update();
    }

    /** The clock events each referral has in the outbox, in the order written. */
    private Map<String, List<String>> clockEvents(List<UUID> referrals) {
        return jdbc
                .sql(
                        "SELECT message_key, event_type FROM platform.outbox WHERE message_key IN"
                                + " (:keys) AND event_type LIKE '%.clock-%' ORDER BY event_type")
                .param("keys", referrals.stream().map(UUID::toString).toList())
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(
                        Collectors.groupingBy(
                                Map.Entry::getKey,
                                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /**
     * Once the relay has sent every outbox row (so a second copy would be on the broker too), each
     * referral has exactly one event of the type on Kafka.
     */
    private void assertOnKafkaOnce(List<UUID> ids, String type) {
        await().atMost(Duration.ofSeconds(30)).until(() -> unsent() == 0);
        Map<String, Long> copies =
                KafkaTopicReader.copiesByKey(
                        TestInfrastructure.shared().kafkaBootstrapServers(), Topics.CARE, type);
        for (UUID id : ids) {
            assertThat(copies.get(id.toString())).as("copies of %s for %s", type, id).isEqualTo(1L);
        }
    }

    private int unsent() {
        return jdbc.sql("SELECT count(*) FROM platform.outbox WHERE sent_at IS NULL")
                .query(Integer.class)
                .single();
    }

    /** Outbox events per published hour, from {@code from} on. */
    private Map<Instant, Long> publishedHours(Instant from) {
        return jdbc
                .sql(
                        "SELECT CAST(convert_from(payload, 'UTF8') AS jsonb) ->> 'periodStart'"
                                + " FROM platform.outbox WHERE event_type = :type")
                .param("type", AUDIT_COUNTED)
                .query(String.class)
                .list()
                .stream()
                .map(Instant::parse)
                .filter(start -> !start.isBefore(from))
                .collect(Collectors.groupingBy(start -> start, Collectors.counting()));
    }

    /** Each of {@code count} hours from {@code from} once. */
    private static Map<Instant, Long> onceEach(Instant from, int count) {
        Map<Instant, Long> hours = new java.util.HashMap<>();
        for (int i = 0; i < count; i++) {
            hours.put(from.plus(i, ChronoUnit.HOURS), 1L);
        }
        return hours;
    }

    /** An hour in the future, three after the latest published one, that no other test uses. */
    private Instant unpublishedHour() {
        Instant soon = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(3, ChronoUnit.HOURS);
        return jdbc.sql("SELECT max(period_start) FROM access_audit_count_period")
                .query(Timestamp.class)
                .optional()
                .map(latest -> latest.toInstant().plus(3, ChronoUnit.HOURS))
                .filter(later -> later.isAfter(soon))
                .orElse(soon);
    }
}
