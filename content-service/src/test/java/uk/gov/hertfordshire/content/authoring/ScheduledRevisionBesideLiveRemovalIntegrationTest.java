package uk.gov.hertfordshire.content.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.expect;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;
import static uk.gov.hertfordshire.content.support.ContentApi.with;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * A newer revision scheduled while the live one has a scheduled removal: each keeps its own time.
 * The live revision comes off at its {@code unpublishAt} even when that is before the schedule
 * (and, when both fell due before the watch ran, it comes off before its successor goes live); the
 * scheduled revision, once live, comes off at its own {@code unpublishAt} ({@code
 * scheduledUnpublishAt} until then), or never if it has none, and does not inherit the live one's.
 * Beside them: a live removal after the schedule (the successor replaces the live revision at its
 * time, nothing comes off), cancelling the schedule, and the control, a first publication scheduled
 * with a removal. And the columns beside the previous version's writes, as in a rolling upgrade.
 * The watch is run by the test (scheduling off).
 */
@PlatformIntegrationTest
@TestPropertySource(properties = "platform.content.scheduling=false")
class ScheduledRevisionBesideLiveRemovalIntegrationTest {

    static final String PUBLISHED = "uk.gov.hertfordshire.content.published.v1";
    static final String UNPUBLISHED = "uk.gov.hertfordshire.content.unpublished.v1";

    @LocalServerPort int port;
    @Autowired KnownServices services;
    @Autowired PublicationWatch watch;
    @Autowired JdbcClient jdbc;

    @Test
    void theLiveRevisionComesOffAtItsOwnTimeAndTheScheduledOneTakesItsOwn() {
        ContentApi.announceServices(services, "pothole");
        ContentApi api = new ContentApi(port);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant liveComesOff = start.plusSeconds(5);
        Instant goesLive = start.plusSeconds(15);
        Instant bothBefore = goesLive.minusSeconds(3); // due only at the second run, with goesLive
        Instant tomorrow = start.plus(Duration.ofDays(1));
        Instant dayAfter = start.plus(Duration.ofDays(2));

        // Live until soon; the edit is scheduled after that, until tomorrow.
        UUID early = liveUntil(api, "/split/early", liveComesOff);
        scheduleEdit(api, early, "/split/early", goesLive, tomorrow);
        JsonNode scheduled = json(api.get(FRANK, early));
        assertThat(scheduled.get("status").asString()).isEqualTo("scheduled");
        assertThat(instant(scheduled, "publishAt")).isEqualTo(goesLive);
        assertThat(instant(scheduled, "unpublishAt"))
                .as("the live revision's removal, after scheduling its successor")
                .isEqualTo(liveComesOff);
        assertThat(instant(scheduled, "scheduledUnpublishAt"))
                .as("the scheduled revision's own removal")
                .isEqualTo(tomorrow);

        // Live until the day after tomorrow; the edit is scheduled with no removal of its own.
        UUID late = liveUntil(api, "/split/late", dayAfter);
        scheduleEdit(api, late, "/split/late", goesLive, null);
        JsonNode lateScheduled = json(api.get(FRANK, late));
        assertThat(instant(lateScheduled, "unpublishAt")).isEqualTo(dayAfter);
        assertThat(instant(lateScheduled, "scheduledUnpublishAt")).isNull();

        // Both times passed before the watch runs again: off first, then the successor on.
        UUID both = liveUntil(api, "/split/both", bothBefore);
        scheduleEdit(api, both, "/split/both", goesLive, tomorrow);

        // A schedule cancelled (unpublish) drops both times with the live revision.
        UUID cancelled = liveUntil(api, "/split/cancelled", dayAfter);
        scheduleEdit(api, cancelled, "/split/cancelled", goesLive, tomorrow);
        JsonNode cancel = json(expect(api.act(FRANK, cancelled, "unpublish", null), 200));
        assertThat(cancel.get("status").asString()).isEqualTo("draft");
        for (String field : new String[] {"publishAt", "unpublishAt", "scheduledUnpublishAt"}) {
            assertThat(instant(cancel, field)).as(field).isNull();
        }

        // The control: a first publication scheduled with its removal.
        UUID first = api.created(ERIN, page("/split/first", "First time", "New here."));
        expect(api.act(ERIN, first, "submit", null), 200);
        expect(
                api.act(
                        FRANK,
                        first,
                        "schedule",
                        "{\"publishAt\":\""
                                + goesLive
                                + "\",\"unpublishAt\":\""
                                + tomorrow
                                + "\"}"),
                200);

        // The live revision's time comes, the schedule's not yet.
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(liveComesOff));
        watch.runDue();
        assertThat(Instant.now()).as("the test ran too slowly to see between").isBefore(bothBefore);
        assertThat(web(api, "/split/early").statusCode()).isEqualTo(404);
        JsonNode between = json(api.get(FRANK, early));
        assertThat(between.get("status").asString()).isEqualTo("scheduled");
        assertThat(between.get("liveRevision").isNull()).isTrue();
        assertThat(instant(between, "publishAt")).isEqualTo(goesLive);
        assertThat(instant(between, "unpublishAt")).isNull();
        assertThat(instant(between, "scheduledUnpublishAt")).isEqualTo(tomorrow);
        assertThat(web(api, "/split/late").statusCode()).isEqualTo(200);
        assertThat(web(api, "/split/both").statusCode()).isEqualTo(200);

        // The schedule's time comes.
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(goesLive));
        watch.runDue();
        for (UUID id : new UUID[] {early, both}) {
            JsonNode live = json(api.get(FRANK, id));
            assertThat(live.get("status").asString()).as("status of %s", id).isEqualTo("published");
            assertThat(live.get("liveRevision").asInt()).isEqualTo(2);
            assertThat(instant(live, "unpublishAt")).as("removal of %s", id).isEqualTo(tomorrow);
            assertThat(instant(live, "scheduledUnpublishAt")).isNull();
            assertThat(instant(live, "publishAt")).isNull();
            assertThat(ContentApi.awaitEventTypes(id, 3))
                    .as("events of %s", id)
                    .containsExactly(PUBLISHED, UNPUBLISHED, PUBLISHED);
        }
        assertThat(json(web(api, "/split/early")).get("revision").asInt()).isEqualTo(2);
        JsonNode replaced = json(api.get(FRANK, late));
        assertThat(replaced.get("liveRevision").asInt()).isEqualTo(2);
        assertThat(instant(replaced, "unpublishAt"))
                .as("the successor does not inherit the replaced revision's removal")
                .isNull();
        assertThat(json(web(api, "/split/late")).get("revision").asInt()).isEqualTo(2);
        assertThat(ContentApi.awaitEventTypes(late, 2)).containsExactly(PUBLISHED, PUBLISHED);

        JsonNode control = json(api.get(FRANK, first));
        assertThat(control.get("status").asString()).isEqualTo("published");
        assertThat(instant(control, "unpublishAt")).isEqualTo(tomorrow);
        assertThat(web(api, "/split/first").statusCode()).isEqualTo(200);
        assertThat(web(api, "/split/cancelled").statusCode()).isEqualTo(404);
    }

    /**
     * During a rolling upgrade the previous version, which knows only {@code unpublish_at}, shares
     * the database (its writes are made here in SQL, as it makes them). A first publication this
     * version schedules keeps its removal where that version reads it; one that version schedules
     * is fired here with its removal; a scheduled revision's removal does not outlast a write of
     * that version taking the item out of {@code scheduled}.
     */
    @Test
    void theScheduleColumnsWorkBesideThePreviousVersionsWrites() {
        ContentApi.announceServices(services, "pothole");
        ContentApi api = new ContentApi(port);
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        Instant dayAfter = tomorrow.plus(Duration.ofDays(1));
        UUID id = api.created(ERIN, page("/split/upgrade", "Mixed versions", "Either one."));
        expect(api.act(ERIN, id, "submit", null), 200);
        expect(
                api.act(
                        FRANK,
                        id,
                        "schedule",
                        "{\"publishAt\":\""
                                + tomorrow
                                + "\",\"unpublishAt\":\""
                                + dayAfter
                                + "\"}"),
                200);
        assertThat(column(id, "unpublish_at")).isEqualTo(dayAfter);
        assertThat(column(id, "scheduled_unpublish_at")).isEqualTo(dayAfter);

        // The previous version unpublishes the scheduled item: the schedule's removal goes too.
        jdbc.sql(
                        "UPDATE content_item SET status = 'draft', publish_at = NULL, unpublish_at"
                                + " = NULL, version = version + 1 WHERE id = :id")
                .param("id", id)
                .update();
        assertThat(column(id, "scheduled_unpublish_at")).isNull();

        // The previous version schedules it (due at once), its removal in unpublish_at alone.
        jdbc.sql(
                        "UPDATE content_item SET status = 'scheduled', publish_at = now() -"
                                + " interval '1 second', unpublish_at = :removal, version = version"
                                + " + 1 WHERE id = :id")
                .param("id", id)
                .param("removal", Timestamp.from(tomorrow))
                .update();
        assertThat(instant(json(api.get(FRANK, id)), "scheduledUnpublishAt")).isEqualTo(tomorrow);
        watch.runDue();
        JsonNode live = json(api.get(FRANK, id));
        assertThat(live.get("status").asString()).isEqualTo("published");
        assertThat(instant(live, "unpublishAt")).isEqualTo(tomorrow);
        assertThat(web(api, "/split/upgrade").statusCode()).isEqualTo(200);
    }

    private Instant column(UUID id, String column) {
        List<Timestamp> value =
                jdbc.sql("SELECT " + column + " FROM content_item WHERE id = :id")
                        .param("id", id)
                        .query((rs, row) -> rs.getTimestamp(1))
                        .list();
        return value.get(0) == null ? null : value.get(0).toInstant();
    }

    /** A page approved to come off at the time given. */
    private static UUID liveUntil(ContentApi api, String path, Instant unpublishAt) {
        UUID id = api.created(ERIN, page(path, "Here a while", "Here for now."));
        expect(api.act(ERIN, id, "submit", null), 200);
        expect(api.act(FRANK, id, "approve", "{\"unpublishAt\":\"" + unpublishAt + "\"}"), 200);
        return id;
    }

    /** A new revision of a live page, submitted and scheduled with its own removal, if any. */
    private static void scheduleEdit(
            ContentApi api, UUID id, String path, Instant publishAt, Instant unpublishAt) {
        expect(
                api.put(
                        ERIN,
                        id,
                        api.etag(id),
                        with(page(path, "Here a while", "Here for now, edited."), "type", null)),
                200);
        expect(api.act(ERIN, id, "submit", null), 200);
        String body =
                "{\"publishAt\":\""
                        + publishAt
                        + "\""
                        + (unpublishAt == null ? "" : ",\"unpublishAt\":\"" + unpublishAt + "\"")
                        + "}";
        HttpResponse<String> scheduled = api.act(FRANK, id, "schedule", body);
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
    }

    private static Instant instant(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asString());
    }

    private static HttpResponse<String> web(ContentApi api, String path) {
        return api.deliver(null, "/api/content/channels/web/pages?path=" + path, Map.of());
    }
}
