package uk.gov.hertfordshire.cases.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.sap.StaffMemberChanged;
import uk.gov.hertfordshire.platform.testsupport.KafkaBrokerProcess;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;
import uk.gov.hertfordshire.platform.testsupport.PostgresProcess;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * PostgreSQL stopped under the service ({@code pg_ctl stop -m immediate}) and started again: a
 * request during the outage is answered 503 problem details within 5 s, the same requests succeed
 * before the stop and again soon after the restart, and an SAP HR event that arrives while the
 * database is down is applied once it returns, exactly once, and never dead-lettered.
 *
 * <p>The service has a PostgreSQL server and a Kafka broker of its own here, so stopping one
 * disturbs no other test, and no other test's consumers share its group.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Two attempts before a dead letter: were an outage counted as the record's failure, the
        // event below would be dead-lettered within seconds.
        properties = "platform.support.consumer.max-attempts=2")
@ContextConfiguration(initializers = DatabaseOutageTest.OwnDatabaseAndBroker.class)
@DirtiesContext
class DatabaseOutageTest {

    static final PostgresProcess postgres = PostgresProcess.startNew();
    static final KafkaBrokerProcess kafka = KafkaBrokerProcess.startNew();

    private static final String CONSUMER_GROUP = "case-service";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final Duration RECOVER_WITHIN = Duration.ofSeconds(60);
    private static final TestIssuer.TokenBuilder ALICE = TestIssuer.shared().citizen("alice");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CASE =
            """
            {"serviceCode":"street-light","channel":"web","location":\
            {"latitude":51.7520,"longitude":-0.3360},"attributes":{"fault":"out"}}""";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired MeterRegistry meters;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The service's own database and broker, and the shared test identity provider. */
    static class OwnDatabaseAndBroker
            implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestInfrastructure.Database database = postgres.newDatabase("case_service");
            Map<String, Object> properties = new HashMap<>(TestIssuer.shared().trustProperties());
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            properties.put("spring.datasource.url", database.jdbcUrl());
            properties.put("spring.datasource.username", database.username());
            properties.put("spring.datasource.password", database.password());
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("outageTestInfrastructure", properties));
            // Registered before any bean, so destroyed after all of them: the service stops while
            // its broker and database still answer, then they stop.
            ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                    .registerDisposableBean(
                            "outageTestInfrastructure",
                            () -> {
                                kafka.close();
                                postgres.close();
                            });
        }
    }

    @Test
    void requestsAreRefused503QuicklyWhileTheDatabaseIsDownAndSucceedAgainAfterItReturns()
            throws Exception {
        // Positive control: the requests work while the database is up.
        HttpResponse<String> before = post(CASE, null);
        assertThat(before.statusCode()).isEqualTo(201);
        String location = before.headers().firstValue("Location").orElseThrow();
        assertThat(get(location).statusCode()).isEqualTo(200);
        UUID officer = hrSays(officer("00077701", "HWY-INSPECT"));
        awaitHandled(officer);

        long failedDeliveriesBefore = failedDeliveries();
        UUID during;
        postgres.stopImmediately();
        try {
            assertRefusedQuickly(() -> post(CASE, null));
            assertRefusedQuickly(() -> get(location));
            // Idempotency-Key is claimed in the database by a filter, before any controller.
            assertRefusedQuickly(() -> post(CASE, UUID.randomUUID().toString()));

            // An event arriving now cannot be applied; it must wait, not be dead-lettered.
            during = hrSays(officer("00077702", "HWY-REPAIR"));
            // More failed deliveries than max-attempts allows before a dead letter.
            await().atMost(Duration.ofSeconds(30)).until(() -> failedDeliveries() > 3);

            // Readiness stays UP (ADR 35): the replicas stay in rotation and answer the 503
            // themselves; the overall health shows the database DOWN for operators.
            assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
        } finally {
            postgres.start();
        }
        Instant restarted = Instant.now();

        await().atMost(RECOVER_WITHIN).until(() -> post(CASE, null).statusCode() == 201);
        assertThat(Duration.between(restarted, Instant.now())).isLessThan(RECOVER_WITHIN);
        assertThat(get(location).statusCode()).isEqualTo(200);
        HttpResponse<String> after = post(CASE, UUID.randomUUID().toString());
        assertThat(after.statusCode()).isEqualTo(201);

        // The event that arrived during the outage is applied once the database is back, once.
        awaitHandled(during);
        assertThat(inboxRows(during)).isEqualTo(1);
        assertThat(
                        jdbc.sql("SELECT team_code FROM staff_member WHERE staff_id = '00077702'")
                                .query(String.class)
                                .single())
                .isEqualTo("HWY-REPAIR");
        assertThat(failedDeliveriesBefore).isZero();
        assertThat(
                        KafkaTopicReader.readAll(
                                kafka.bootstrapServers(),
                                Topics.deadLetter(Topics.SAP_HR, CONSUMER_GROUP)))
                .isEmpty();

        // The outbox relay carries on: the case submitted after the return is published.
        String afterId = JSON.readTree(after.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                KafkaTopicReader.readAll(kafka.bootstrapServers(), Topics.CASES)
                                        .stream()
                                        .anyMatch(record -> afterId.equals(record.key())));
    }

    private void assertRefusedQuickly(Request request) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = request.send();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(ANSWER_WITHIN);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("title").asString()).isEqualTo("Service temporarily unavailable");
        assertThat(response.body().toLowerCase(java.util.Locale.ROOT))
                .doesNotContain("postgres", "jdbc", "sql", "hikari", "exception", "127.0.0.1");
    }

    /** Deliveries the listener failed, as its observation counted them (none before the stop). */
    private long failedDeliveries() {
        return meters.find("spring.kafka.listener").timers().stream()
                .filter(timer -> !"none".equals(timer.getId().getTag("error")))
                .mapToLong(Timer::count)
                .sum();
    }

    private StaffMemberChanged officer(String staffId, String team) {
        return new StaffMemberChanged(
                staffId, team, List.of("OFFICER"), true, Instant.parse("2026-04-01T09:00:00Z"));
    }

    private UUID hrSays(StaffMemberChanged change) {
        try (KafkaTopicWriter writer = new KafkaTopicWriter(kafka.bootstrapServers())) {
            return writer.publish(change);
        }
    }

    private void awaitHandled(UUID eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxRows(eventId) == 1);
    }

    private long inboxRows(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM platform.inbox WHERE event_id = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    private HttpResponse<String> post(String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri("/api/cases"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", ALICE.bearer())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String location) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(URI.create(location).getPath()))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", ALICE.bearer())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @FunctionalInterface
    private interface Request {
        HttpResponse<String> send() throws Exception;
    }
}
