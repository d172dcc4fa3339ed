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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.content.FeedbackReceived;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/** "This answered my question" is counted once per item, address and day, with service codes. */
@PlatformIntegrationTest
class FeedbackIntegrationTest {

    @LocalServerPort int port;
    @Autowired KnownServices services;

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

    private HttpResponse<String> feedback(UUID id, String clientAddress) {
        // The gateway appends the client's address; the service trusts only that last entry.
        return api.send(
                "POST",
                "/api/content/channels/web/items/" + id + "/feedback",
                null,
                null,
                Map.of("X-Forwarded-For", "10.9.9.9, " + clientAddress));
    }
}
