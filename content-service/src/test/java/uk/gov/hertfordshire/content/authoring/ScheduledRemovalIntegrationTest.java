package uk.gov.hertfordshire.content.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.expect;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;
import static uk.gov.hertfordshire.content.support.ContentApi.with;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * A live item's scheduled removal (a publisher's {@code unpublishAt}, an alert's {@code endsAt})
 * outlasts an edit and the review of the new revision: the live revision still comes off at its
 * time, with its events. Beside it, the untouched item that comes off (the control) and the edited
 * item without a schedule that stays live. The watch is run by the test (scheduling off), after the
 * time has passed.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = "platform.content.scheduling=false")
class ScheduledRemovalIntegrationTest {

    static final String UNPUBLISHED = "uk.gov.hertfordshire.content.unpublished.v1";
    static final String ALERT_ENDED = "uk.gov.hertfordshire.content.alert-ended.v1";

    @LocalServerPort int port;
    @Autowired KnownServices services;
    @Autowired PublicationWatch watch;

    private final List<Instant> removals = new ArrayList<>();
    private Instant alertEnds;

    @Test
    void editsAndReviewOfANewRevisionKeepTheLiveRevisionsScheduledRemoval() {
        ContentApi.announceServices(services, "pothole");
        ContentApi api = new ContentApi(port);

        UUID untouched = liveUntilSoon(api, "/removal/untouched");
        UUID edited = liveUntilSoon(api, "/removal/edited");
        edit(api, edited, "/removal/edited");
        UUID submitted = liveUntilSoon(api, "/removal/submitted");
        edit(api, submitted, "/removal/submitted");
        expect(api.act(ERIN, submitted, "submit", null), 200);
        UUID rejected = liveUntilSoon(api, "/removal/rejected");
        edit(api, rejected, "/removal/rejected");
        expect(api.act(ERIN, rejected, "submit", null), 200);
        expect(api.act(FRANK, rejected, "reject", "{\"reason\":\"Say more.\"}"), 200);
        UUID restored = liveUntilSoon(api, "/removal/restored");
        expect(api.act(ERIN, restored, "restore", "{\"revision\":1}"), 200);
        UUID alert = alertEndingSoon(api, "/removal/alert");
        expect(
                api.put(
                        ERIN,
                        alert,
                        api.etag(alert),
                        with(
                                with(alertFields("/removal/alert"), "type", null),
                                "body",
                                "The road is shut. Follow the signs round.")),
                200);
        UUID unscheduled = api.published(ERIN, FRANK, page("/removal/unscheduled", "Kept", "On."));
        edit(api, unscheduled, "/removal/unscheduled");

        Instant last = removals.stream().max(Instant::compareTo).orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(last));
        watch.runDue();

        for (String path :
                List.of("untouched", "edited", "submitted", "rejected", "restored", "alert")) {
            assertThat(web(api, "/removal/" + path)).as(path).isEqualTo(404);
        }
        assertThat(web(api, "/removal/unscheduled")).isEqualTo(200);
        for (UUID id : List.of(untouched, edited, submitted, rejected, restored)) {
            assertThat(ContentApi.awaitEventTypes(id, 2))
                    .as("events of %s", id)
                    .contains(UNPUBLISHED);
        }
        assertThat(ContentApi.awaitEventTypes(alert, 4)).contains(UNPUBLISHED, ALERT_ENDED);
        assertThat(json(api.get(FRANK, edited)).get("status").asString()).isEqualTo("draft");
        assertThat(json(api.get(FRANK, submitted)).get("status").asString()).isEqualTo("in_review");
    }

    /** A page approved to come off a few seconds from now. */
    private UUID liveUntilSoon(ContentApi api, String path) {
        UUID id = api.created(ERIN, page(path, "Soon gone", "Here for now."));
        expect(api.act(ERIN, id, "submit", null), 200);
        Instant unpublishAt = Instant.now().plusSeconds(3);
        removals.add(unpublishAt);
        expect(api.act(FRANK, id, "approve", "{\"unpublishAt\":\"" + unpublishAt + "\"}"), 200);
        return id;
    }

    /** An alert in force, ending a few seconds from now (its removal, no unpublishAt given). */
    private UUID alertEndingSoon(ContentApi api, String path) {
        UUID id = api.created(ERIN, alertFields(path));
        expect(api.act(ERIN, id, "submit", null), 200);
        expect(api.act(FRANK, id, "approve", null), 200);
        removals.add(Instant.parse(json(api.get(FRANK, id)).get("unpublishAt").asString()));
        return id;
    }

    private Map<String, Object> alertFields(String path) {
        if (alertEnds == null) {
            alertEnds = Instant.now().plusSeconds(4);
        }
        return with(
                with(
                        with(
                                with(
                                        page(path, "Road closed", "The road is shut."),
                                        "type",
                                        "alert"),
                                "priority",
                                "high"),
                        "startsAt",
                        alertEnds.minusSeconds(3600).toString()),
                "endsAt",
                alertEnds.toString());
    }

    /** Saves a new draft revision while the approved one stays live. */
    private static void edit(ContentApi api, UUID id, String path) {
        expect(
                api.put(
                        ERIN,
                        id,
                        api.etag(id),
                        with(page(path, "Soon gone", "Here for now, edited."), "type", null)),
                200);
    }

    private static int web(ContentApi api, String path) {
        return api.deliver(null, "/api/content/channels/web/pages?path=" + path, Map.of())
                .statusCode();
    }
}
