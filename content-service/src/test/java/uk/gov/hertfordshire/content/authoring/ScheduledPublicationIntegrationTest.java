package uk.gov.hertfordshire.content.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.expect;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import uk.gov.hertfordshire.content.ContentServiceApplication;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * A scheduled item goes live at its time even though the instance that took the schedule never runs
 * its watch: two other instances, started afterwards on the same database (a restart, with a
 * replica), pick it up from the database, and it is published once.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = "platform.content.scheduling=false")
class ScheduledPublicationIntegrationTest {

    @LocalServerPort int port;
    @Autowired Environment environment;
    @Autowired KnownServices services;

    @Test
    void aScheduleFiresAfterARestartOnceAcrossTwoReplicas() {
        ContentApi.announceServices(services, "pothole");
        ContentApi api = new ContentApi(port);
        UUID id = api.created(ERIN, page("/sched/at-its-time", "At its time", "On time."));
        expect(api.act(ERIN, id, "submit", null), 200);
        Instant publishAt = Instant.now().plusSeconds(4);

        HttpResponse<String> past =
                api.act(FRANK, id, "schedule", "{\"publishAt\":\"2020-01-01T00:00:00Z\"}");
        assertThat(past.statusCode()).isEqualTo(400);
        HttpResponse<String> scheduled =
                api.act(FRANK, id, "schedule", "{\"publishAt\":\"" + publishAt + "\"}");
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
        assertThat(json(scheduled).get("status").asString()).isEqualTo("scheduled");

        try (ConfigurableApplicationContext first = replica();
                ConfigurableApplicationContext second = replica()) {
            Instant live =
                    await().atMost(Duration.ofSeconds(60))
                            .until(
                                    () -> {
                                        HttpResponse<String> read = api.get(FRANK, id);
                                        return "published"
                                                        .equals(json(read).get("status").asString())
                                                ? Instant.parse(
                                                        json(read).get("publishedAt").asString())
                                                : null;
                                    },
                                    at -> at != null);
            assertThat(live).isAfterOrEqualTo(publishAt).isBefore(publishAt.plusSeconds(60));
            List<String> types =
                    await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () ->
                                            ContentApi.eventsFor(id).stream()
                                                    .map(ReceivedEvent::type)
                                                    .toList(),
                                    list -> !list.isEmpty());
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> ContentApi.eventsFor(id).size() == 1);
            assertThat(types).containsExactly("uk.gov.hertfordshire.content.published.v1");
        }
        assertThat(
                        api.deliver(
                                        null,
                                        "/api/content/channels/web/pages?path=/sched/at-its-time",
                                        Map.of())
                                .statusCode())
                .isEqualTo(200);
    }

    /** Another instance of the service on this test's database and broker, watch running. */
    private ConfigurableApplicationContext replica() {
        Map<String, Object> properties = new HashMap<>(TestIssuer.shared().trustProperties());
        for (String name :
                List.of(
                        "spring.datasource.url",
                        "spring.datasource.username",
                        "spring.datasource.password",
                        "spring.kafka.bootstrap-servers")) {
            properties.put(name, environment.getRequiredProperty(name));
        }
        properties.put("server.port", "0");
        properties.put("platform.content.scheduling", "true");
        properties.put("platform.content.schedule.watch-interval", "PT1S");
        properties.put("platform.content.schedule.initial-delay", "PT0S");
        // As command-line arguments: they outrank application.yml, as the test's own settings do.
        return new SpringApplicationBuilder(ContentServiceApplication.class)
                .run(
                        properties.entrySet().stream()
                                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                                .toArray(String[]::new));
    }
}
