package uk.gov.hertfordshire.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.analytics.AnalyticsServiceApplication;
import uk.gov.hertfordshire.analytics.support.AnalyticsClient;
import uk.gov.hertfordshire.analytics.support.JanuaryCases;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.events.cases.CaseTriaged;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.StatementLog;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

/**
 * The projections take a whole batch at once (one statement per table), with the figures of its
 * events applied one at a time and of the hand-worked sequence; a redelivered batch counts once; a
 * poison event in a batch is dead-lettered alone while the rest count.
 */
@PlatformIntegrationTest
class BatchProjectionIntegrationTest {

    private static final String GROUP = AnalyticsServiceApplication.CONSUMER_GROUP;
    private static final List<String> TABLES =
            List.of("case_fact", "contact_day", "daily_count", "service_definition");

    /** The projection tables and which events each generation has applied. */
    private static final List<String> SCRATCH_TABLES =
            List.of(
                    "case_fact",
                    "contact_day",
                    "daily_count",
                    "service_definition",
                    "applied_event");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;
    @Autowired Generations generations;
    @Autowired LiveProjection live;
    @Autowired List<Projector> projectors;
    @Autowired MeterRegistry meters;

    private final CloudEvents cloudEvents = new CloudEvents();
    private final List<Integer> scratch = new ArrayList<>();
    private AnalyticsClient client;

    @BeforeEach
    void connect() {
        client = new AnalyticsClient(port);
    }

    @AfterEach
    void cleanUp() {
        client.close();
        for (int generation : scratch) {
            // As a rebuild's start does: no live batch is between reading the generations and
            // writing them while it is abandoned.
            transactions.executeWithoutResult(
                    status -> {
                        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                                .param("key", Generations.LOCK_KEY)
                                .query(Integer.class)
                                .single();
                        jdbc.sql(
                                        "UPDATE projection_generation SET state = 'abandoned'"
                                                + " WHERE generation = :g")
                                .param("g", generation)
                                .update();
                    });
            for (String table : SCRATCH_TABLES) {
                jdbc.sql("DELETE FROM " + table + " WHERE generation = :g")
                        .param("g", generation)
                        .update();
            }
            jdbc.sql("DELETE FROM projection_generation WHERE generation = :g")
                    .param("g", generation)
                    .update();
        }
    }

    @Test
    void aBatchGivesTheFiguresOfItsEventsAppliedOneAtATimeAndTheHandWorkedOnes() {
        JanuaryCases cases = new JanuaryCases();
        List<ReceivedEvent> events = new ArrayList<>();
        cases.events().forEach(sent -> events.add(received(sent.event(), sent.id())));
        int oneAtATime = scratchGeneration();
        int batch = scratchGeneration();
        int reversed = scratchGeneration();

        for (ReceivedEvent event : events) {
            applyInOneTransaction(oneAtATime, List.of(event));
        }
        applyInOneTransaction(batch, events);
        List<ReceivedEvent> backwards = new ArrayList<>(events);
        Collections.reverse(backwards);
        applyInOneTransaction(reversed, backwards);

        assertThat(rows(batch)).isEqualTo(rows(oneAtATime));
        assertThat(rows(reversed)).as("order-independent").isEqualTo(rows(oneAtATime));
        // By hand (JanuaryCases): 4 baseline contacts, 6 cases and a "me too" in January.
        assertThat(sum(batch, "SELECT sum(contacts) FROM contact_day WHERE generation = :g"))
                .isEqualTo(11);
        assertThat(caseFact(batch, cases.c1))
                .isEqualTo("mt-pothole web AL1 1 resolved highways-north 86400 2026-01-06 null");
        // Resolved 7 Jan, reopened 8 Jan with a new due time: the reopening is the newest.
        assertThat(caseFact(batch, cases.c3))
                .isEqualTo(
                        "mt-pothole phone unknown area 1 reopened null 86400 2026-01-07"
                                + " 2026-01-08 09:00:00+00");
        // Closed after its resolution; the redelivered resolution counted once (72 h).
        assertThat(caseFact(batch, cases.c2))
                .isEqualTo("mt-pothole app AL1 1 closed null 259200 2026-01-09 null");
        // Its resolution (20:00) was applied before its submission (14:00): still resolved.
        assertThat(caseFact(batch, cases.c5))
                .isEqualTo("mt-light face_to_face SG1 1 resolved null 21600 2026-01-13 null");
        assertThat(count(batch, "resolved")).isEqualTo(5);
        assertThat(count(batch, "closed")).isEqualTo(1);
        assertThat(count(batch, "reopened")).isEqualTo(1);
        assertThat(count(batch, "target_breached")).isEqualTo(1);
        assertThat(count(batch, "target_approaching")).isEqualTo(1);
        assertThat(count(batch, "supporter_added")).isEqualTo(1);
        assertThat(sum(batch, "SELECT count(*) FROM service_definition WHERE generation = :g"))
                .isEqualTo(2);
    }

    /**
     * The regression guard, counted rather than timed: a batch of 250 events costs the live path a
     * fixed handful of statements (lock, generations, then per generation its applied events and
     * one upsert per table written), where one event at a time cost at least four each.
     */
    @Test
    void aLiveBatchRunsOneStatementPerTableNotSeveralPerEvent() {
        String service = "bt-guard-" + ThreadLocalRandom.current().nextInt(1_000_000);
        List<ReceivedEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String caseId = UUID.randomUUID().toString();
            Instant at = Instant.parse("2019-03-04T09:00:00Z").plusSeconds(60L * i);
            events.add(received(submitted(caseId, service, at), UUID.randomUUID()));
            events.add(
                    received(
                            new CaseTriaged(caseId, service, at.plusSeconds(30)),
                            UUID.randomUUID()));
            if (i % 2 == 0) {
                events.add(
                        received(
                                new CaseTargetBreached(
                                        caseId, service, at.plusSeconds(40), at.plusSeconds(50)),
                                UUID.randomUUID()));
            }
        }
        int writable = generationsWritable();

        // The live path writes into the served generation, and these events are in no topic: the
        // checks run inside the batch's transaction, which is then rolled back, so a later test's
        // rebuild from the log (MeasuresIntegrationTest) finds no figures the log does not hold.
        transactions.executeWithoutResult(
                status -> {
                    checkOneLiveBatch(events, writable, service);
                    status.setRollbackOnly();
                });
    }

    private void checkOneLiveBatch(List<ReceivedEvent> events, int writable, String service) {
        List<String> sent =
                StatementLog.during(() -> live.handlerFor(Topics.CASES).handleAll(events));

        assertThat(events).hasSize(250);
        assertThat(sent)
                .as("statements of one batch: %s", sent)
                .hasSizeLessThanOrEqualTo(2 + writable * 4);
        assertThat(
                        jdbc.sql(
                                        "SELECT count(*) FROM applied_event WHERE generation ="
                                                + " :g AND event_id = :id")
                                .param("g", generations.served())
                                .param("id", events.get(0).id())
                                .query(Integer.class)
                                .single())
                .as("the served generation keeps no second row per event")
                .isZero();
        assertThat(sent).filteredOn(s -> s.startsWith("insert into case_fact")).hasSize(writable);
        // One idempotency row per event outside a rebuild: the inbox's (ADR 39). Only a generation
        // being built, which the rebuild's reader also writes, records the events again.
        assertThat(sent)
                .filteredOn(s -> s.startsWith("insert into applied_event"))
                .hasSize(generationsBuilding());
        // The statements did the work: every case and contact is there.
        assertThat(
                        sumOf(
                                service,
                                "SELECT count(*) FROM case_fact WHERE generation = :g AND"
                                        + " service_code = :s AND status = 'triaged'"))
                .isEqualTo(100);
        assertThat(
                        sumOf(
                                service,
                                "SELECT sum(contacts) FROM contact_day WHERE generation = :g AND"
                                        + " service_code = :s"))
                .isEqualTo(100);
        assertThat(
                        sumOf(
                                service,
                                "SELECT sum(n) FROM daily_count WHERE generation = :g AND"
                                        + " dimension = :s AND measure = 'target_breached'"))
                .isEqualTo(50);
    }

    /**
     * While a generation is built, the live path and the rebuild's reader may both apply an event
     * to it (an event before the cut-off the live consumer had not reached yet): it counts once
     * there, by its {@code applied_event} row, and once in the served generation, by the inbox.
     */
    @Test
    void anEventTheLivePathAndTheRebuildBothApplyCountsOnceInTheGenerationBeingBuilt() {
        String service = "bt-both-" + ThreadLocalRandom.current().nextInt(1_000_000);
        Instant at = Instant.parse("2019-06-03T09:00:00Z");
        List<ReceivedEvent> seenByBoth = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seenByBoth.add(
                    received(
                            submitted(UUID.randomUUID().toString(), service, at.plusSeconds(i)),
                            UUID.randomUUID()));
        }
        ReceivedEvent onlyTheRebuildReads =
                received(
                        submitted(UUID.randomUUID().toString(), service, at.plusSeconds(60)),
                        UUID.randomUUID());
        int building = buildingGeneration();

        // The live path writes into the served generation too, and these events are in no topic:
        // all of it in one transaction, rolled back after the checks (as in the test above).
        transactions.executeWithoutResult(
                status -> {
                    live.handlerFor(Topics.CASES).handleAll(seenByBoth);
                    List<ReceivedEvent> rebuildReads = new ArrayList<>(seenByBoth);
                    rebuildReads.add(onlyTheRebuildReads);
                    applyInOneTransaction(building, rebuildReads);
                    checkCountedOnceInEach(building, service);
                    status.setRollbackOnly();
                });
    }

    private void checkCountedOnceInEach(int building, String service) {

        // 3 seen by both, once each, and the positive control the rebuild alone read: 4.
        assertThat(
                        sum(
                                building,
                                "SELECT sum(contacts) FROM contact_day WHERE generation = :g"
                                        + " AND service_code = '"
                                        + service
                                        + "'"))
                .isEqualTo(4);
        assertThat(
                        sum(
                                building,
                                "SELECT max(times_counted) FROM case_fact WHERE generation = :g"
                                        + " AND service_code = '"
                                        + service
                                        + "'"))
                .isEqualTo(1);
        assertThat(
                        sumOf(
                                service,
                                "SELECT sum(contacts) FROM contact_day WHERE generation = :g AND service_code = :s"))
                .as("the served generation, from the live path alone")
                .isEqualTo(3);
    }

    /**
     * Each partition of cases.events has a consumer of its own, so one partition's poll is read and
     * folded while another's waits for PostgreSQL (ADR 39); each commits its own offsets.
     */
    @Test
    void eachPartitionOfTheCaseEventsHasAConsumerOfItsOwn() {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                TestInfrastructure.shared().kafkaBootstrapServers()))) {
            await("three consumers, a partition each")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> casesPartitionsPerConsumer(admin),
                            held -> held.equals(List.of(1L, 1L, 1L)));
        }
    }

    /** How many partitions of cases.events each consumer of the group holds, those holding any. */
    private static List<Long> casesPartitionsPerConsumer(Admin admin) throws Exception {
        ConsumerGroupDescription group =
                admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
        List<Long> held = new ArrayList<>();
        for (MemberDescription member : group.members()) {
            long n =
                    member.assignment().topicPartitions().stream()
                            .filter(p -> p.topic().equals(Topics.CASES))
                            .count();
            if (n > 0) {
                held.add(n);
            }
        }
        return held;
    }

    @Test
    void aRedeliveredBatchCountsOnce() {
        String service = "bt-again-" + ThreadLocalRandom.current().nextInt(1_000_000);
        List<ProducerRecord<String, byte[]>> batch =
                submissions(service, 30, Instant.parse("2019-04-01T09:00:00Z"));
        client.publishAll(batch);
        await("the batch is counted")
                .atMost(Duration.ofSeconds(30))
                .until(() -> contacts(service) == 30);
        double duplicatesBefore = counter("inbox.duplicates.skipped", Topics.CASES);
        double appliedBefore = counter("analytics.events", null);

        List<ProducerRecord<String, byte[]>> again = new ArrayList<>(batch);
        String control = UUID.randomUUID().toString();
        again.add(
                onPartitionZero(
                        submitted(control, service, Instant.parse("2019-04-02T09:00:00Z"))));
        client.publishAll(again);
        await("the event after the redelivered batch is counted")
                .atMost(Duration.ofSeconds(30))
                .until(() -> contacts(service) == 31);

        assertThat(counter("inbox.duplicates.skipped", Topics.CASES) - duplicatesBefore)
                .isEqualTo(30);
        assertThat(counter("analytics.events", null) - appliedBefore).isEqualTo(1);
        assertThat(
                        sumOf(
                                service,
                                "SELECT max(times_counted) FROM case_fact WHERE generation = :g"
                                        + " AND service_code = :s"))
                .isEqualTo(1);
    }

    @Test
    void aPoisonEventInABatchIsDeadLetteredAloneWhileTheOthersCount() {
        String service = "bt-poison-" + ThreadLocalRandom.current().nextInt(1_000_000);
        List<ProducerRecord<String, byte[]>> batch =
                submissions(service, 20, Instant.parse("2019-05-01T09:00:00Z"));
        // A well-formed CloudEvent whose case id is not one: no projection can apply it.
        ProducerRecord<String, byte[]> valid =
                onPartitionZero(
                        submitted(
                                UUID.randomUUID().toString(),
                                service,
                                Instant.parse("2019-05-01T12:00:00Z")));
        String poisonKey = "poison-" + UUID.randomUUID();
        String json = new String(valid.value(), StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> poison =
                new ProducerRecord<>(
                        valid.topic(),
                        0,
                        poisonKey,
                        json.replaceFirst("\"caseId\":\"[^\"]+\"", "\"caseId\":\"no-such-case\"")
                                .getBytes(StandardCharsets.UTF_8),
                        valid.headers());
        batch.add(10, poison);
        client.publishAll(batch);

        await("the twenty good events are counted")
                .atMost(Duration.ofSeconds(60))
                .until(() -> contacts(service) == 20);
        List<ConsumerRecord<String, byte[]>> deadLetters =
                await("the poison event is in the dead-letter topic")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> deadLettersOf(service), dead -> !dead.isEmpty());
        assertThat(deadLetters).extracting(ConsumerRecord::key).contains(poisonKey);
        assertThat(deadLetters)
                .as("none of the good events of its batch")
                .allMatch(BatchProjectionIntegrationTest::isPoison);
    }

    /** The group's dead letters of this test: any poison, and any event of its service. */
    private static List<ConsumerRecord<String, byte[]>> deadLettersOf(String service) {
        return KafkaTopicReader.readAll(
                        TestInfrastructure.shared().kafkaBootstrapServers(),
                        Topics.deadLetter(Topics.CASES, GROUP))
                .stream()
                .filter(r -> isPoison(r) || service.equals(serviceOf(r)))
                .toList();
    }

    private static boolean isPoison(ConsumerRecord<String, byte[]> record) {
        return record.key() != null && record.key().startsWith("poison-");
    }

    private static String serviceOf(ConsumerRecord<String, byte[]> record) {
        String value = new String(record.value(), StandardCharsets.UTF_8);
        int at = value.indexOf("\"serviceCode\":\"");
        return at < 0 ? null : value.substring(at + 15, value.indexOf('"', at + 15));
    }

    private void applyInOneTransaction(int generation, List<ReceivedEvent> events) {
        transactions.executeWithoutResult(
                status -> {
                    List<ReceivedEvent> fresh = generations.markApplied(generation, events);
                    for (Projector projector : projectors) {
                        if (projector.topic().equals(Topics.CASES) && !fresh.isEmpty()) {
                            projector.apply(generation, fresh);
                        }
                    }
                });
    }

    private int scratchGeneration() {
        int generation = 1_000_000 + ThreadLocalRandom.current().nextInt(1_000_000_000);
        scratch.add(generation);
        return generation;
    }

    /**
     * A generation in the state a rebuild's start leaves it: building, so the live path writes it;
     * abandoned and its rows deleted after the test.
     */
    private int buildingGeneration() {
        int generation = scratchGeneration();
        jdbc.sql(
                        "INSERT INTO projection_generation (generation, state, requested_by,"
                                + " started_at, heartbeat_at) VALUES (:g, 'building', 'test',"
                                + " now(), now())")
                .param("g", generation)
                .update();
        return generation;
    }

    private int generationsBuilding() {
        return jdbc.sql("SELECT count(*) FROM projection_generation WHERE state = 'building'")
                .query(Integer.class)
                .single();
    }

    private int generationsWritable() {
        return jdbc.sql(
                        "SELECT count(*) FROM projection_generation WHERE state IN ('serving',"
                                + " 'building')")
                .query(Integer.class)
                .single();
    }

    /** Every projection row of a generation, as text, in a fixed order. */
    private List<String> rows(int generation) {
        List<String> rows = new ArrayList<>();
        for (String table : TABLES) {
            rows.addAll(
                    jdbc
                            .sql(
                                    "SELECT to_jsonb(t) - 'generation' FROM "
                                            + table
                                            + " t WHERE generation = :g ORDER BY 1")
                            .param("g", generation)
                            .query(String.class)
                            .list()
                            .stream()
                            .map(row -> table + " " + row)
                            .toList());
        }
        return rows;
    }

    private String caseFact(int generation, String caseId) {
        return jdbc.sql(
                        "SELECT concat_ws(' ', service_code, channel, area, times_counted, status,"
                                + " coalesce(team_code, 'null'), resolve_seconds, resolved_day,"
                                + " coalesce(to_char(reopened_at AT TIME ZONE 'UTC',"
                                + " 'YYYY-MM-DD HH24:MI:SS+00'), 'null')) FROM case_fact"
                                + " WHERE generation = :g AND case_id = :id")
                .param("g", generation)
                .param("id", UUID.fromString(caseId))
                .query(String.class)
                .single();
    }

    private long count(int generation, String measure) {
        return sum(
                generation,
                "SELECT sum(n) FROM daily_count WHERE generation = :g AND measure = '"
                        + measure
                        + "' AND dimension LIKE 'mt-%'");
    }

    private long sum(int generation, String sql) {
        return jdbc.sql("SELECT coalesce((" + sql + "), 0)")
                .param("g", generation)
                .query(Long.class)
                .single();
    }

    /**
     * {@code sql}'s one figure in the served generation ({@code :g}) for a service ({@code :s}).
     */
    private long sumOf(String service, String sql) {
        return jdbc.sql("SELECT coalesce((" + sql + "), 0)")
                .param("g", generations.served())
                .param("s", service)
                .query(Long.class)
                .single();
    }

    private long contacts(String service) {
        return sumOf(
                service,
                "SELECT sum(contacts) FROM contact_day WHERE generation = :g AND service_code = :s");
    }

    private double counter(String name, String topic) {
        double total = 0;
        for (Counter c : meters.find(name).counters()) {
            if (topic == null
                    || (topic.equals(c.getId().getTag("topic"))
                            && GROUP.equals(c.getId().getTag("group")))) {
                total += c.count();
            }
        }
        return total;
    }

    private static CaseSubmitted submitted(String caseId, String service, Instant at) {
        return new CaseSubmitted(caseId, service, Channel.WEB, at, null, null);
    }

    /** {@code count} new cases of {@code service}, a minute apart from {@code first}, in order. */
    private List<ProducerRecord<String, byte[]>> submissions(
            String service, int count, Instant first) {
        List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = first.plusSeconds(60L * i);
            batch.add(onPartitionZero(submitted(UUID.randomUUID().toString(), service, at)));
        }
        return batch;
    }

    private ProducerRecord<String, byte[]> onPartitionZero(DomainEvent event) {
        ProducerRecord<String, byte[]> record =
                cloudEvents.toProducerRecord(
                        cloudEvents.toCloudEvent(event, UUID.randomUUID(), null));
        return new ProducerRecord<>(
                record.topic(), 0, record.key(), record.value(), record.headers());
    }

    private ReceivedEvent received(DomainEvent event, UUID id) {
        ProducerRecord<String, byte[]> record =
                cloudEvents.toProducerRecord(cloudEvents.toCloudEvent(event, id, null));
        return cloudEvents.receive(
                new ConsumerRecord<>(
                        record.topic(),
                        0,
                        0L,
                        ConsumerRecord.NO_TIMESTAMP,
                        TimestampType.NO_TIMESTAMP_TYPE,
                        ConsumerRecord.NULL_SIZE,
                        ConsumerRecord.NULL_SIZE,
                        record.key(),
                        record.value(),
                        record.headers(),
                        Optional.empty()));
    }
}
