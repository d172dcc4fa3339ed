package uk.gov.hertfordshire.analytics.channelshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Case events published to the real broker are counted per channel and per Europe/London day; the
 * expected figures are worked out by hand in each test.
 */
@PlatformIntegrationTest
class ChannelShiftProjectionIntegrationTest {

    private static final TestIssuer.TokenBuilder ANALYST =
            TestIssuer.shared().staff("analyst-ivan", "ANALYST");

    @LocalServerPort int port;

    private static final CloudEvents CLOUD_EVENTS = new CloudEvents();

    private final KafkaTopicWriter kafka = KafkaTopicWriter.toSharedBroker();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void countsContactsPerChannelOnTheLondonDayTheyHappened() throws Exception {
        // 23:30 UTC on 30 June 2026 is 00:30 BST on 1 July: a July contact in Hertfordshire.
        publish(submitted(Channel.WEB, "2026-06-30T23:30:00Z"), UUID.randomUUID());
        publish(submitted(Channel.PHONE, "2026-07-01T10:00:00Z"), UUID.randomUUID());
        publish(submitted(Channel.PHONE, "2026-07-01T22:59:59Z"), UUID.randomUUID());
        // 23:00 UTC on 1 July is midnight BST: already 2 July.
        publish(submitted(Channel.FACE_TO_FACE, "2026-07-01T23:00:00Z"), UUID.randomUUID());

        String july1 = "/api/analytics/channels?from=2026-07-01&to=2026-07-01";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(july1).contains("\"totalContacts\":3"));
        assertThat(get(july1))
                .contains("{\"channel\":\"phone\",\"contacts\":2}")
                .contains("{\"channel\":\"web\",\"contacts\":1}")
                .doesNotContain("face_to_face")
                .contains("\"digitalTakeUp\":0.3333333333333333");
        // Each event has a case of its own, so its own key and maybe partition: July 1 complete
        // says nothing about whether the July 2 contact has been projected yet.
        String july2 = "/api/analytics/channels?from=2026-07-02&to=2026-07-02";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(july2).contains("\"totalContacts\":1"));
        assertThat(get(july2)).contains("{\"channel\":\"face_to_face\",\"contacts\":1}");
    }

    @Test
    void anEventDeliveredTwiceIsCountedOnce() throws Exception {
        CaseSubmitted event = submitted(Channel.APP, "2026-08-03T09:00:00Z");
        UUID eventId = UUID.randomUUID();
        int partition = kafka.send(record(event, eventId)).partition();
        kafka.send(record(event, eventId));
        // The control is another case (another key), so it goes on the redelivery's partition,
        // after it: once the control is counted, the redelivery has been consumed too.
        CaseSubmitted later = submitted(Channel.APP, "2026-08-03T09:05:00Z");
        ProducerRecord<String, byte[]> control = record(later, UUID.randomUUID());
        kafka.send(
                new ProducerRecord<>(
                        control.topic(),
                        partition,
                        control.key(),
                        control.value(),
                        control.headers()));

        String day = "/api/analytics/channels?from=2026-08-03&to=2026-08-03";
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(day).contains("\"totalContacts\":2"));
        assertThat(get("/api/analytics/contacts?limit=1000"))
                .contains(
                        "{\"caseId\":\""
                                + event.caseId()
                                + "\",\"channel\":\"app\",\"timesCounted\":1}");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/analytics/channels", "/api/analytics/contacts"})
    void aCitizenIsRefused403BesideAnAnalystAndAnAdmin(String path) throws Exception {
        TestIssuer idp = TestIssuer.shared();

        HttpResponse<String> citizen = send(path, idp.citizen("alice"));
        HttpResponse<String> analyst = send(path, ANALYST);
        HttpResponse<String> admin = send(path, idp.staff("admin-judy", "ADMIN"));

        assertThat(citizen.statusCode()).isEqualTo(403);
        assertThat(citizen.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(analyst.statusCode()).isEqualTo(200);
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    @Test
    void otherStaffRolesAreRefusedAsIsACitizenIssuerClaimingAnalyst() throws Exception {
        TestIssuer idp = TestIssuer.shared();
        String path = "/api/analytics/channels";

        assertThat(send(path, idp.staff("officer-dan", "OFFICER")).statusCode()).isEqualTo(403);
        assertThat(send(path, idp.citizen("mallory").roles("CITIZEN", "ANALYST")).statusCode())
                .isEqualTo(403);
        assertThat(send(path, idp.staff("mallory", "ANALYST")).statusCode()).isEqualTo(200);
    }

    @Test
    void noTokenIs401() throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://localhost:"
                                                        + port
                                                        + "/api/analytics/channels"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aBadDateRangeIsA400Problem() throws Exception {
        HttpResponse<String> response =
                http.send(
                        request("/api/analytics/channels?from=2026-07-02&to=2026-07-01"),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'to' must not be before 'from'");
    }

    private static CaseSubmitted submitted(Channel channel, String at) {
        return new CaseSubmitted(
                UUID.randomUUID().toString(), "pothole", channel, Instant.parse(at), null, null);
    }

    private void publish(CaseSubmitted event, UUID eventId) {
        kafka.publish(event, eventId);
    }

    private static ProducerRecord<String, byte[]> record(CaseSubmitted event, UUID eventId) {
        return CLOUD_EVENTS.toProducerRecord(CLOUD_EVENTS.toCloudEvent(event, eventId, null));
    }

    private HttpResponse<String> send(String path, TestIssuer.TokenBuilder token) throws Exception {
        return http.send(request(path, token), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpRequest request(String path) {
        return request(path, ANALYST);
    }

    private HttpRequest request(String path, TestIssuer.TokenBuilder token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", token.bearer())
                .build();
    }
}
