package uk.gov.hertfordshire.content.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;
import static uk.gov.hertfordshire.content.support.ContentApi.with;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.catalina.util.NetMaskSet;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.content.ContentServiceApplication;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.content.FeedbackReceived;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.Replicas;

/**
 * "This answered my question" is counted once per item, address and day, with service codes, in
 * every instance; the address is kept only as a hash no one without the database's secret can
 * compute.
 */
@PlatformIntegrationTest
class FeedbackIntegrationTest {

    @LocalServerPort int port;
    @Autowired KnownServices services;
    @Autowired JdbcClient jdbc;
    @Autowired AddressHash addresses;
    @Autowired Environment environment;
    @Autowired WebServerApplicationContext webServer;

    private ContentApi api;

    @BeforeEach
    void connect() {
        api = new ContentApi(port);
        // After the context has declared the topics (broker auto-creation is off).
        ContentApi.announceServices(services, "pothole", "street-light");
    }

    @Test
    void feedbackIsCountedOncePerAddressAndDayWithTheItemsServiceCodes() {
        UUID id =
                api.published(
                        ERIN,
                        FRANK,
                        with(
                                page("/fb/answered", "Answered", "The answer is here."),
                                "serviceCodes",
                                List.of("pothole", "street-light")));

        HttpResponse<String> first = feedback(id, "203.0.113.7");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(json(first).get("counted").asBoolean()).isTrue();
        assertThat(json(feedback(id, "203.0.113.7")).get("counted").asBoolean()).isFalse();
        assertThat(json(feedback(id, "198.51.100.23")).get("counted").asBoolean()).isTrue();

        List<ReceivedEvent> events =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        ContentApi.eventsFor(id).stream()
                                                .filter(
                                                        e ->
                                                                e.type()
                                                                        .equals(
                                                                                FeedbackReceived
                                                                                        .TYPE
                                                                                        .type()))
                                                .toList(),
                                list -> list.size() >= 2);
        assertThat(events).hasSize(2);
        FeedbackReceived received =
                new EventSerializer().fromJson(events.get(0).data(), FeedbackReceived.class);
        assertThat(received.serviceCodes()).containsExactly("pothole", "street-light");
        assertThat(received.channel()).isEqualTo("web");
    }

    @Test
    void feedbackOnAnItemThatIsNotLiveIs404() {
        UUID draft = api.created(ERIN, page("/fb/draft", "Draft", "Not yet."));
        assertThat(feedback(draft, "203.0.113.8").statusCode()).isEqualTo(404);
    }

    @Test
    void theStoredHashIsUnderTheDaysKeyFromTheDatabasesSecretNotTheOldHardCodedKey() {
        UUID id = api.published(ERIN, FRANK, page("/fb/keyed", "Keyed", "The answer is here."));
        assertThat(json(feedback(id, "203.0.113.7")).get("counted").asBoolean()).isTrue();
        LocalDate day =
                jdbc.sql("SELECT day FROM feedback WHERE item_id = :id")
                        .param("id", id)
                        .query(LocalDate.class)
                        .single();

        // What anyone could compute for every address before: not in the table at all.
        assertThat(rowsHashed(AddressSecretMigrationTest.oldDefaultHash("203.0.113.7"))).isZero();
        // The control, the same query for the hash under that day's key: the feedback's row.
        assertThat(rowsHashed(addresses.forFeedback("203.0.113.7", day))).isOne();
        // And the service restarted, reading the secret from the database afresh, agrees.
        assertThat(new AddressHash(jdbc, "").forFeedback("203.0.113.7", day))
                .isEqualTo(addresses.forFeedback("203.0.113.7", day));
        assertThat(jdbc.sql("SELECT secret FROM address_secret").query(String.class).single())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void aSecondInstanceOnTheSameDatabaseCountsAClientOnceThatDay() {
        UUID id = api.published(ERIN, FRANK, page("/fb/replicas", "Replicas", "The answer."));
        assertThat(json(feedback(api, id, "203.0.113.41")).get("counted").asBoolean()).isTrue();
        try (ConfigurableApplicationContext replica =
                Replicas.startAnother(
                        ContentServiceApplication.class,
                        environment,
                        List.of(),
                        Map.of("platform.content.scheduling", "false"))) {
            ContentApi second =
                    new ContentApi(
                            replica.getEnvironment()
                                    .getRequiredProperty("local.server.port", Integer.class));
            assertThat(json(feedback(second, id, "203.0.113.41")).get("counted").asBoolean())
                    .as("the same client, the same day, the other instance")
                    .isFalse();
            // The control: another client through the same instance is counted.
            assertThat(json(feedback(second, id, "203.0.113.42")).get("counted").asBoolean())
                    .isTrue();
        }
    }

    private int rowsHashed(String clientHash) {
        return jdbc.sql("SELECT count(*) FROM feedback WHERE client_hash = :hash")
                .param("hash", clientHash)
                .query(Integer.class)
                .single();
    }

    @Test
    void theForwardedAddressIsBelievedFromTheGatewaysNetworksAndFromNowhereElse() throws Exception {
        RemoteIpValve valve =
                java.util.Arrays.stream(
                                ((TomcatWebServer) webServer.getWebServer())
                                        .getTomcat()
                                        .getEngine()
                                        .getPipeline()
                                        .getValves())
                        .filter(RemoteIpValve.class::isInstance)
                        .map(RemoteIpValve.class::cast)
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no RemoteIpValve: the header is ignored"));
        NetMaskSet internal = NetMaskSet.parse(valve.getInternalProxies());

        // The gateway locally (loopback) and in a cluster (a pod's private address).
        for (String gateway : List.of("127.0.0.1", "10.244.1.7", "172.17.0.4", "192.168.49.2")) {
            assertThat(internal.contains(gateway)).as(gateway).isTrue();
        }
        // Anyone on the internet writing the header themselves.
        for (String anyone : List.of("203.0.113.7", "8.8.8.8", "198.51.100.1")) {
            assertThat(internal.contains(anyone)).as(anyone).isFalse();
        }
        assertThat(valve.getRemoteIpHeader()).isEqualToIgnoringCase("X-Forwarded-For");
    }

    private HttpResponse<String> feedback(UUID id, String clientAddress) {
        return feedback(api, id, clientAddress);
    }

    private static HttpResponse<String> feedback(ContentApi api, UUID id, String clientAddress) {
        // The gateway's header, behind another internal proxy: the last address not an internal
        // proxy's is the client's.
        return api.send(
                "POST",
                "/api/content/channels/web/items/" + id + "/feedback",
                null,
                null,
                Map.of("X-Forwarded-For", "10.9.9.9, " + clientAddress));
    }
}
