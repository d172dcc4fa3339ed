package uk.gov.hertfordshire.analytics.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.analytics.support.AnalyticsClient.ADMIN;
import static uk.gov.hertfordshire.analytics.support.AnalyticsClient.ANALYST;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.analytics.AnalyticsServiceApplication;
import uk.gov.hertfordshire.analytics.support.AnalyticsClient;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

/**
 * A rebuild reads the log from its start into a new generation beside the served one, then
 * switches: the figures it ends with are the live ones and the ones worked out by hand, events that
 * arrive while it runs are counted once, and an event the log holds twice is counted once.
 */
@PlatformIntegrationTest
class RebuildIntegrationTest {

    private static final String REBUILDS = "/api/analytics/admin/rebuilds";

    @LocalServerPort int port;

    @Autowired Generations generations;

    @Autowired TransactionTemplate transactions;

    @Autowired JdbcClient jdbc;

    private AnalyticsClient client;
    private final List<String> caseIds = new ArrayList<>();

    @BeforeEach
    void connect() {
        client = new AnalyticsClient(port);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aRebuildOfANonEmptyLogEndsWithTheLiveFiguresAndTheHandWorkedOnes() {
        // 10 and 11 March 2026 are GMT days: UTC and London agree.
        CaseSubmitted first = submitted(Channel.WEB, "2026-03-10T08:00:00Z");
        UUID firstId = client.publish(first);
        client.publish(submitted(Channel.WEB, "2026-03-10T09:00:00Z"));
        client.publish(submitted(Channel.PHONE, "2026-03-10T10:00:00Z"));
        client.publish(submitted(Channel.FACE_TO_FACE, "2026-03-10T11:00:00Z"));
        client.publish(submitted(Channel.APP, "2026-03-10T23:59:59Z"));
        client.publish(submitted(Channel.OPEN311, "2026-03-11T00:00:00Z"));
        client.publish(submitted(Channel.EMAIL, "2026-03-11T12:00:00Z"));
        // The log holds the first event twice (a producer's re-send): it counts once.
        client.publish(first, firstId);

        String march10 = "/api/analytics/channels?from=2026-03-10&to=2026-03-10";
        String march11 = "/api/analytics/channels?from=2026-03-11&to=2026-03-11";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.json(march11).get("totalContacts").asLong() == 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.json(march10).get("totalContacts").asLong() == 5);
        JsonNode liveMarch10 = client.json(march10);
        JsonNode liveMarch11 = client.json(march11);

        HttpResponse<String> started = client.post(REBUILDS, ADMIN);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        int generation = AnalyticsClient.parse(started.body()).at("/rebuild/generation").asInt();
        assertThat(generation).isGreaterThan(1);
        // While the rebuild runs: these reach the new generation through the live path (or the
        // rebuild, if they are before its cut-off), once.
        client.publish(submitted(Channel.PHONE, "2026-03-12T09:00:00Z"));
        client.publish(submitted(Channel.PHONE, "2026-03-12T10:00:00Z"));

        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                "serving"
                                        .equals(
                                                client.json(location, ADMIN)
                                                        .at("/rebuild/state")
                                                        .asText()));
        JsonNode done = client.json(location, ADMIN);
        assertThat(done.at("/rebuild/eventsRead").asLong()).isGreaterThanOrEqualTo(8);
        // Every record before the cut-off, in every partition, was read by one of the readers
        // (the producers write no transaction markers, so the offsets have no gaps).
        assertThat(done.at("/rebuild/eventsRead").asLong())
                .isEqualTo(done.at("/rebuild/eventsToRead").asLong());
        // What it skips is what the live path dead-lettered (another test's poison event).
        assertThat(done.at("/rebuild/eventsSkipped").asLong()).isEqualTo(deadLettered());

        assertThat(client.json(march10)).isEqualTo(liveMarch10);
        assertThat(client.json(march11)).isEqualTo(liveMarch11);
        // By hand: 10 March web 2, phone 1, face to face 1, app 1; digital 3 of 5.
        assertThat(client.json(march10).toString())
                .contains("\"totalContacts\":5")
                .contains("{\"channel\":\"web\",\"contacts\":2}")
                .contains("{\"channel\":\"phone\",\"contacts\":1}")
                .contains("{\"channel\":\"face_to_face\",\"contacts\":1}")
                .contains("{\"channel\":\"app\",\"contacts\":1}")
                .contains("\"digitalTakeUp\":0.6");
        // 11 March open311 1, email 1: digital 1 of 2.
        assertThat(client.json(march11).toString())
                .contains("\"totalContacts\":2")
                .contains("\"digitalTakeUp\":0.5");
        String march12 = "/api/analytics/channels?from=2026-03-12&to=2026-03-12";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.json(march12).get("totalContacts").asLong() == 2);
        // 10 to 12 March: 9 contacts, of which web 2 + app 1 + open311 1 = 4 digital.
        JsonNode all = client.json("/api/analytics/channels?from=2026-03-10&to=2026-03-12");
        assertThat(all.get("totalContacts").asLong()).isEqualTo(9);
        assertThat(all.get("digitalTakeUp").asDouble()).isEqualTo(4.0 / 9);

        JsonNode ledger = client.json("/api/analytics/contacts?limit=1000");
        for (String caseId : caseIds) {
            assertThat(ledger.toString()).contains("\"caseId\":\"" + caseId + "\"");
        }
        for (JsonNode row : ledger) {
            if (caseIds.contains(row.get("caseId").asText())) {
                assertThat(row.get("timesCounted").asInt()).as(row.toString()).isEqualTo(1);
            }
        }
    }

    /**
     * A rebuild's transaction commits only while its generation is building: a reader still running
     * after the rebuild was abandoned (another reader failed, or another instance found it stale)
     * rolls back what it wrote with its progress, so no rows are left in a generation whose rows
     * were deleted (ADR 50). The same statements while it is building are the control.
     */
    @Test
    void aRebuildsTransactionLeavesNoRowsInAGenerationNoLongerBuilding() {
        int generation = generations.startBuilding("test", Duration.ofMinutes(2), List::of);
        UUID whileBuilding = UUID.randomUUID();
        UUID afterAbandoned = UUID.randomUUID();
        try {
            transactions.executeWithoutResult(status -> rowAndProgress(generation, whileBuilding));
            assertThat(appliedRows(generation, whileBuilding)).isEqualTo(1);
            assertThat(generations.status(generation).orElseThrow().eventsRead()).isEqualTo(1);
        } finally {
            generations.abandon(generation, "test");
        }

        assertThatThrownBy(
                        () ->
                                transactions.executeWithoutResult(
                                        status -> rowAndProgress(generation, afterAbandoned)))
                .isInstanceOf(Generations.NoLongerBuildingException.class);
        assertThat(appliedRows(generation, afterAbandoned)).isZero();
        assertThat(generations.status(generation).orElseThrow().eventsRead()).isEqualTo(1);
    }

    /** What a rebuild's batch does, in small: a row of the generation, then its progress. */
    private void rowAndProgress(int generation, UUID eventId) {
        jdbc.sql("INSERT INTO applied_event (generation, event_id) VALUES (:generation, :id)")
                .param("generation", generation)
                .param("id", eventId)
                .update();
        generations.progress(generation, 1, 0);
    }

    private long appliedRows(int generation, UUID eventId) {
        return jdbc.sql(
                        "SELECT count(*) FROM applied_event WHERE generation = :generation AND"
                                + " event_id = :id")
                .param("generation", generation)
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    @Test
    void onlyAnAdministratorMayStartARebuild() {
        HttpResponse<String> analyst = client.post(REBUILDS, ANALYST);
        assertThat(analyst.statusCode()).isEqualTo(403);
        assertThat(analyst.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");

        HttpResponse<String> admin = client.post(REBUILDS, ADMIN);
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(202);
        String location = admin.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                "serving"
                                        .equals(
                                                client.json(location, ADMIN)
                                                        .at("/rebuild/state")
                                                        .asText()));
    }

    @Test
    void anUnknownGenerationIsA404Problem() {
        HttpResponse<String> response = client.get(REBUILDS + "/999999", ADMIN);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("There is no generation 999999.");
    }

    private static long deadLettered() {
        long letters = 0;
        for (String topic : List.of(Topics.CASES, Topics.CONTENT, Topics.CARE)) {
            letters +=
                    KafkaTopicReader.readAll(
                                    TestInfrastructure.shared().kafkaBootstrapServers(),
                                    Topics.deadLetter(
                                            topic, AnalyticsServiceApplication.CONSUMER_GROUP))
                            .size();
        }
        return letters;
    }

    private CaseSubmitted submitted(Channel channel, String at) {
        String caseId = UUID.randomUUID().toString();
        caseIds.add(caseId);
        return new CaseSubmitted(caseId, "pothole", channel, Instant.parse(at), null, null);
    }
}
