package uk.gov.hertfordshire.analytics.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.platform.testsupport.ServiceDefinitionFixture.serviceDefinition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.content.FeedbackReceived;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * "This answered my question" from content.events is counted as a contact avoided under each of the
 * item's services, on its London day, and valued at a phone contact less a web one (the default
 * unit costs: £2.83 - £0.15 = £2.68 each): in JSON, CSV and today's gauges.
 */
@PlatformIntegrationTest
class ContactsAvoidedIntegrationTest {

    private static final TestIssuer.TokenBuilder ANALYST =
            TestIssuer.shared().staff("analyst-ivan", "ANALYST");

    @LocalServerPort int port;

    private final KafkaTopicWriter kafka = KafkaTopicWriter.toSharedBroker();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void feedbackIsCountedUnderEachServiceOfTheItemOnItsLondonDay() throws Exception {
        publish(serviceDefinition("pothole").name("Report a pothole").build(), UUID.randomUUID());
        String item = UUID.randomUUID().toString();
        UUID twice = UUID.randomUUID();
        // 23:30 UTC on 14 July 2026 is 00:30 BST on 15 July.
        publish(feedback(item, List.of("pothole", "street-light"), "2026-07-14T23:30:00Z"), twice);
        publish(feedback(item, List.of("pothole", "street-light"), "2026-07-14T23:30:00Z"), twice);
        publish(feedback(item, List.of("pothole"), "2026-07-15T12:00:00Z"), UUID.randomUUID());
        publish(feedback(item, List.of(), "2026-07-15T13:00:00Z"), UUID.randomUUID());
        publish(feedback(item, List.of("pothole"), "2026-07-16T09:00:00Z"), UUID.randomUUID());

        String july15 = "/api/analytics/contacts-avoided?from=2026-07-15&to=2026-07-15";
        // The catalogue (cases.events) and the feedback (content.events) are consumed
        // independently (a consumer per partition, ADR 39): wait for both, not only the count.
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> get("/api/analytics/contacts-avoided?from=2026-07-15&to=2026-07-16"),
                        answer ->
                                answer.contains("\"totalContactsAvoided\":5")
                                        && answer.contains("\"serviceName\":\"Report a pothole\""));
        assertThat(get(july15))
                .contains(
                        "{\"day\":\"2026-07-15\",\"serviceCode\":\"pothole\",\"serviceName\":"
                                + "\"Report a pothole\",\"contactsAvoided\":2,\"costSaved\":5.36}")
                .contains(
                        "\"serviceCode\":\"street-light\",\"serviceName\":\"Unknown service (not"
                                + " in the catalogue)\",\"contactsAvoided\":1,\"costSaved\":2.68}")
                .contains(
                        "\"serviceCode\":\"\",\"serviceName\":\"No particular service\","
                                + "\"contactsAvoided\":1")
                .contains("\"savingPerContact\":2.68")
                .contains("\"totalContactsAvoided\":4")
                .contains("\"totalCostSaved\":10.72");
        assertThat(get("/api/analytics/contacts-avoided?from=2026-07-14&to=2026-07-14"))
                .contains("\"totalContactsAvoided\":0");
        // Two days: each service's total over the range.
        assertThat(get("/api/analytics/contacts-avoided?from=2026-07-15&to=2026-07-16"))
                .contains(
                        "{\"serviceCode\":\"pothole\",\"serviceName\":\"Report a pothole\","
                                + "\"contactsAvoided\":3,\"costSaved\":8.04}");

        HttpResponse<String> csv =
                send("/api/analytics/contacts-avoided.csv?from=2026-07-15&to=2026-07-15", ANALYST);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"contacts-avoided.csv\"");
        assertThat(csv.body())
                .isEqualTo(
                        "day,service,name,contacts_avoided,saving_per_contact_gbp,cost_saved_gbp\r\n"
                                + "2026-07-15,,No particular service,1,2.68,2.68\r\n"
                                + "2026-07-15,pothole,Report a pothole,2,2.68,5.36\r\n"
                                + "2026-07-15,street-light,Unknown service (not in the"
                                + " catalogue),1,2.68,2.68\r\n"
                                + "all,all,2026-07-15 to 2026-07-15,4,2.68,10.72\r\n");

        // A rebuild reads content.events again and comes to the same figures.
        String live = get(july15);
        TestIssuer.TokenBuilder admin = TestIssuer.shared().staff("admin-ada", "ADMIN");
        HttpResponse<String> started =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + port
                                                        + "/api/analytics/admin/rebuilds"))
                                .header("Authorization", admin.bearer())
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> send(location, admin).body().contains("\"state\":\"serving\""));
        assertThat(get(july15)).isEqualTo(live);
    }

    @Test
    void todaysContactsAvoidedAndWhatTheySavedAreGauges() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> gauge("analytics_contacts_avoided_today") >= 0);
        double before = gauge("analytics_contacts_avoided_today");
        double savedBefore = gauge("analytics_contacts_avoided_saved_today_pence");

        publish(
                feedback(UUID.randomUUID().toString(), List.of("pothole", "blue-badge"), null),
                UUID.randomUUID());

        // One page answering two services: a contact avoided for each, 268p each.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> gauge("analytics_contacts_avoided_today") == before + 2);
        assertThat(gauge("analytics_contacts_avoided_saved_today_pence"))
                .isCloseTo(savedBefore + 536, within(0.001));
        assertThat(prometheus())
                .contains("# HELP analytics_contacts_avoided_today Contacts avoided today")
                .contains("# HELP analytics_contacts_avoided_saved_today_pence What today's");
    }

    @Test
    void theReportIsForAnalystsOnly() throws Exception {
        String path = "/api/analytics/contacts-avoided?from=2026-07-15&to=2026-07-15";
        assertThat(send(path, TestIssuer.shared().citizen("alice")).statusCode()).isEqualTo(403);
        assertThat(send(path, ANALYST).statusCode()).isEqualTo(200);
    }

    /** At {@code at}, or now when null. */
    private static FeedbackReceived feedback(String item, List<String> services, String at) {
        return new FeedbackReceived(
                UUID.randomUUID().toString(),
                item,
                1,
                "web",
                services,
                at == null ? Instant.now() : Instant.parse(at));
    }

    private double gauge(String name) throws Exception {
        Matcher m =
                Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? ([0-9.Ee+-]+|NaN)$")
                        .matcher(prometheus());
        assertThat(m.find()).as(name + " is exported").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private String prometheus() throws Exception {
        return send("/actuator/prometheus", TestIssuer.shared().staff("prometheus", "ADMIN"))
                .body();
    }

    private void publish(DomainEvent event, UUID eventId) {
        kafka.publish(event, eventId);
    }

    private HttpResponse<String> send(String path, TestIssuer.TokenBuilder token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", token.bearer())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path) throws Exception {
        return send(path, ANALYST).body();
    }
}
