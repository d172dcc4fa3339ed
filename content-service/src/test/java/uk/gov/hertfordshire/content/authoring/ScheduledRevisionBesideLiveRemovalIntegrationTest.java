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
import org.springframework.transaction.support.TransactionOperations;
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
 * with a removal. And the columns beside the previous version's writes, as in a rolling upgrade
 * (either version scheduling, the other firing); a live removal before its schedule behind more
 * removals than a batch; a live removal at the schedule's very time, and a scheduled removal
 * already due when its schedule fires, in one scan. The watch is run by the test (scheduling off).
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
    @Autowired TransactionOperations transactions;

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
        assertThat(instant(lateScheduled, "unpublishAt"))
                .as("a live removal after the schedule, which replaces the live revision first")
                .isNull();
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

        // The previous version fires a first publication this version scheduled (its time moved
        // here, so it is due): the scheduled revision's removal, nothing taken off at once.
        UUID fired = api.created(ERIN, page("/split/upgrade-fired", "Fired there", "By either."));
        expect(api.act(ERIN, fired, "submit", null), 200);
        expect(
                api.act(
                        FRANK,
                        fired,
                        "schedule",
                        "{\"publishAt\":\""
                                + tomorrow
                                + "\",\"unpublishAt\":\""
                                + dayAfter
                                + "\"}"),
                200);
        jdbc.sql("UPDATE content_item SET publish_at = now() - interval '1 second' WHERE id = :id")
                .param("id", fired)
                .update();
        assertThat(previousVersionFires(fired)).isTrue();
        assertThat(previousVersionTakesOff(fired)).isFalse();
        assertThat(column(fired, "unpublish_at")).isEqualTo(dayAfter);
        assertThat(column(fired, "scheduled_unpublish_at")).isNull();

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

    /**
     * The previous version schedules a newer revision while one is live, its removal in {@code
     * unpublish_at} alone (the live revision's is lost, that version's flaw): this version shows it
     * as the scheduled revision's, not the live one's, and the scheduled revision takes it when
     * this version fires the schedule. Beside it, the control: that version's schedule without a
     * removal, which stays live.
     */
    @Test
    void aScheduleThePreviousVersionTookBesideALiveRevisionKeepsItsRemovalHere() {
        ContentApi.announceServices(services, "pothole");
        ContentApi api = new ContentApi(port);
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        Instant dayAfter = tomorrow.plus(Duration.ofDays(1));

        UUID removed = liveUntil(api, "/split/old-schedule", dayAfter);
        editAndSubmit(api, removed, "/split/old-schedule");
        previousVersionSchedules(removed, tomorrow);
        UUID kept = liveUntil(api, "/split/old-schedule-kept", dayAfter);
        editAndSubmit(api, kept, "/split/old-schedule-kept");
        previousVersionSchedules(kept, null);

        JsonNode scheduled = json(api.get(FRANK, removed));
        assertThat(scheduled.get("status").asString()).isEqualTo("scheduled");
        assertThat(instant(scheduled, "scheduledUnpublishAt"))
                .as("the removal the previous version gave the scheduled revision")
                .isEqualTo(tomorrow);
        assertThat(instant(scheduled, "unpublishAt"))
                .as("the live revision is replaced before that time, not taken off at it")
                .isNull();

        watch.runDue();
        JsonNode live = json(api.get(FRANK, removed));
        assertThat(live.get("status").asString()).isEqualTo("published");
        assertThat(live.get("liveRevision").asInt()).isEqualTo(2);
        assertThat(instant(live, "unpublishAt"))
                .as("the scheduled revision's removal, once live")
                .isEqualTo(tomorrow);
        assertThat(settledEventTypes(removed, 2)).containsExactly(PUBLISHED, PUBLISHED);

        JsonNode control = json(api.get(FRANK, kept));
        assertThat(control.get("liveRevision").asInt()).isEqualTo(2);
        assertThat(instant(control, "unpublishAt")).isNull();
        assertThat(settledEventTypes(kept, 2)).containsExactly(PUBLISHED, PUBLISHED);
    }

    /**
     * This version schedules a newer revision while one is live, and the previous version (which
     * reads {@code unpublish_at} as the scheduled revision's removal, and takes off, after
     * publishing, every live revision whose {@code unpublish_at} is due) fires it: the scheduled
     * revision comes off at its own time, not at the live one's, whether that was at the schedule
     * itself (which the previous version's scan would have taken the new revision off at once for)
     * or after it. The control: a live removal before the schedule stays where both versions take
     * the live revision off at its time.
     */
    @Test
    void aScheduleThisVersionTookBesideALiveRevisionIsFiredRightByThePreviousVersion() {
        ContentApi.announceServices(services, "pothole");
        ContentApi api = new ContentApi(port);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant liveComesOff = start.plusSeconds(8);
        Instant goesLive = start.plusSeconds(12);
        Instant tomorrow = start.plus(Duration.ofDays(1));
        Instant dayAfter = start.plus(Duration.ofDays(2));

        UUID atOnce = liveUntil(api, "/split/old-fires-at-once", goesLive);
        scheduleEdit(api, atOnce, "/split/old-fires-at-once", goesLive, tomorrow);
        UUID later = liveUntil(api, "/split/old-fires-later", dayAfter);
        scheduleEdit(api, later, "/split/old-fires-later", goesLive, tomorrow);
        UUID before = liveUntil(api, "/split/old-fires-before", liveComesOff);
        scheduleEdit(api, before, "/split/old-fires-before", tomorrow, dayAfter);
        for (UUID id : new UUID[] {atOnce, later}) {
            assertThat(column(id, "unpublish_at"))
                    .as("where the previous version reads the removal of %s", id)
                    .isEqualTo(tomorrow);
        }
        assertThat(column(before, "unpublish_at")).isEqualTo(liveComesOff);
        assertThat(column(before, "scheduled_unpublish_at")).isEqualTo(dayAfter);

        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(goesLive));
        assertThat(previousVersionTakesOff(before))
                .as("the live revision due off before its successor")
                .isTrue();
        for (UUID id : new UUID[] {atOnce, later}) {
            assertThat(previousVersionFires(id)).as("fired %s", id).isTrue();
            assertThat(previousVersionTakesOff(id)).as("taken off at once: %s", id).isFalse();
            assertThat(column(id, "unpublish_at")).as("removal of %s", id).isEqualTo(tomorrow);
        }
        watch.runDue();
        for (UUID id : new UUID[] {atOnce, later}) {
            JsonNode live = json(api.get(FRANK, id));
            assertThat(live.get("liveRevision").asInt()).as("live revision of %s", id).isEqualTo(2);
            assertThat(instant(live, "unpublishAt")).isEqualTo(tomorrow);
        }
    }

    /**
     * After downtime, more removals are due than one batch holds, the first ones before a live
     * revision whose removal comes before its successor's schedule, which is due too: the live
     * revision still comes off first, with its {@code content.unpublished}, and then its successor
     * goes live. Beside it, the controls in the same flood: a live revision the schedule replaces
     * (no removal of its own before it) and every removal in the flood.
     */
    @Test
    void aLiveRemovalDueBeforeItsScheduleComesOffFirstBehindMoreThanABatchOfRemovals() {
        ContentApi.announceServices(services, "pothole");
        ContentApi api = new ContentApi(port);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant liveComesOff = start.plusSeconds(8);
        Instant goesLive = start.plusSeconds(12);
        Instant tomorrow = start.plus(Duration.ofDays(1));
        Instant dayAfter = start.plus(Duration.ofDays(2));

        UUID first = liveUntil(api, "/split/flood/off-first", liveComesOff);
        scheduleEdit(api, first, "/split/flood/off-first", goesLive, tomorrow);
        UUID replaced = liveUntil(api, "/split/flood/replaced", dayAfter);
        scheduleEdit(api, replaced, "/split/flood/replaced", goesLive, tomorrow);
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(goesLive));

        // Live pages due off an hour ago, a batch of them: each found before the one above.
        int flood =
                jdbc.sql(
                                "WITH due AS (INSERT INTO content_item (id, type, path, status,"
                                        + " latest_revision, live_revision, announced_revision,"
                                        + " version, unpublish_at, published_at, created_at,"
                                        + " updated_at) SELECT gen_random_uuid(), 'service_page',"
                                        + " '/split/flood/due-' || n, 'published', 1, 1, 1, 1,"
                                        + " now() - interval '1 hour', now() - interval '1 day',"
                                        + " now(), now() FROM generate_series(1, :n) AS n"
                                        + " RETURNING id) INSERT INTO content_revision (item_id,"
                                        + " revision, title, summary, body, topics, service_codes,"
                                        + " channels, audience, review_by, plain_text,"
                                        + " author_staff_id, created_at) SELECT id, 1, 'Due off',"
                                        + " 'Due off.', 'Due off.', ARRAY['roads'],"
                                        + " ARRAY['pothole'], ARRAY['web'], 'public', DATE"
                                        + " '2027-06-30', 'Due off.', 'erin', now() FROM due")
                        .param("n", PublicationWatch.BATCH)
                        .update();
        assertThat(flood).isEqualTo(PublicationWatch.BATCH);

        watch.runDue();
        assertThat(settledEventTypes(first, 3))
                .as("the live revision off at its time, then its successor on")
                .containsExactly(PUBLISHED, UNPUBLISHED, PUBLISHED);
        JsonNode live = json(api.get(FRANK, first));
        assertThat(live.get("liveRevision").asInt()).isEqualTo(2);
        assertThat(instant(live, "unpublishAt")).isEqualTo(tomorrow);

        assertThat(settledEventTypes(replaced, 2)).containsExactly(PUBLISHED, PUBLISHED);
        assertThat(json(api.get(FRANK, replaced)).get("liveRevision").asInt()).isEqualTo(2);
        assertThat(
                        jdbc.sql(
                                        "SELECT count(*) FROM content_item WHERE path LIKE"
                                                + " '/split/flood/due-%' AND live_revision IS NULL")
                                .query(Integer.class)
                                .single())
                .as("the flood, all off")
                .isEqualTo(PublicationWatch.BATCH);
    }

    /**
     * One scan after downtime. A live revision due off at the very time its successor's schedule
     * fires is replaced by it ({@code content.published} once, no {@code content.unpublished}), and
     * the successor stays live until its own removal. A scheduled revision whose own removal has
     * passed too goes live and comes off again in that same scan. The control: a scheduled revision
     * whose removal is not due stays live.
     */
    @Test
    void oneScanReplacesALiveRevisionDueOffAtItsSchedulesTimeAndTakesOffOneAlreadyDue() {
        ContentApi.announceServices(services, "pothole");
        ContentApi api = new ContentApi(port);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant goesLive = start.plusSeconds(8);
        Instant comesOff = start.plusSeconds(12);
        Instant tomorrow = start.plus(Duration.ofDays(1));

        UUID replaced = liveUntil(api, "/split/same-time", goesLive);
        scheduleEdit(api, replaced, "/split/same-time", goesLive, tomorrow);
        JsonNode scheduled = json(api.get(FRANK, replaced));
        assertThat(instant(scheduled, "unpublishAt")).isNull();
        assertThat(instant(scheduled, "scheduledUnpublishAt")).isEqualTo(tomorrow);
        UUID overdue = api.published(ERIN, FRANK, page("/split/overdue", "Brief", "Here a while."));
        scheduleEdit(api, overdue, "/split/overdue", goesLive, comesOff);
        UUID stays = api.published(ERIN, FRANK, page("/split/stays", "Stays", "Here a while."));
        scheduleEdit(api, stays, "/split/stays", goesLive, tomorrow);

        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(comesOff));
        transactions.execute(status -> watch.scan());

        JsonNode same = json(api.get(FRANK, replaced));
        assertThat(same.get("status").asString()).isEqualTo("published");
        assertThat(same.get("liveRevision").asInt()).isEqualTo(2);
        assertThat(instant(same, "unpublishAt")).isEqualTo(tomorrow);
        assertThat(json(web(api, "/split/same-time")).get("revision").asInt()).isEqualTo(2);
        assertThat(settledEventTypes(replaced, 2))
                .as("replaced, never taken off")
                .containsExactly(PUBLISHED, PUBLISHED);

        JsonNode off = json(api.get(FRANK, overdue));
        assertThat(off.get("status").asString()).isEqualTo("draft");
        assertThat(off.get("liveRevision").isNull()).isTrue();
        assertThat(web(api, "/split/overdue").statusCode()).isEqualTo(404);
        assertThat(settledEventTypes(overdue, 3))
                .containsExactly(PUBLISHED, PUBLISHED, UNPUBLISHED);

        JsonNode control = json(api.get(FRANK, stays));
        assertThat(control.get("liveRevision").asInt()).isEqualTo(2);
        assertThat(instant(control, "unpublishAt")).isEqualTo(tomorrow);
        assertThat(settledEventTypes(stays, 2)).containsExactly(PUBLISHED, PUBLISHED);
    }

    /**
     * What the previous version writes when a publisher schedules the latest revision (its
     * ItemRepository.update, which knows nothing of {@code scheduled_unpublish_at}), the schedule
     * due at once.
     */
    private void previousVersionSchedules(UUID id, Instant unpublishAt) {
        jdbc.sql(
                        "UPDATE content_item SET status = 'scheduled', publish_at = now() -"
                                + " interval '1 second', unpublish_at = :removal, review_note ="
                                + " NULL, version = version + 1, updated_at = now() WHERE id ="
                                + " :id")
                .param("id", id)
                .param("removal", unpublishAt == null ? null : Timestamp.from(unpublishAt))
                .update();
    }

    /**
     * The publication step of the previous version's watch for one item: if its schedule is due,
     * the latest revision goes live until the {@code unpublish_at} it finds (its outbox event left
     * out). Whether it fired.
     */
    private boolean previousVersionFires(UUID id) {
        return jdbc.sql(
                                "UPDATE content_item SET path = coalesce(staged_path, path),"
                                        + " staged_path = NULL, status = 'published', live_revision"
                                        + " = latest_revision, announced_revision ="
                                        + " latest_revision, version = version + 1, publish_at ="
                                        + " NULL, published_at = now(), review_note = NULL,"
                                        + " updated_at = now() WHERE id = :id AND status ="
                                        + " 'scheduled' AND publish_at <= now()")
                        .param("id", id)
                        .update()
                == 1;
    }

    /**
     * Whether the removal step of the previous version's watch, which runs after its publication
     * step in the same scan, takes the item's live revision off now (its claim's condition).
     */
    private boolean previousVersionTakesOff(UUID id) {
        return jdbc.sql(
                                "SELECT count(*) FROM content_item WHERE id = :id AND"
                                        + " live_revision IS NOT NULL AND unpublish_at <= now()")
                        .param("id", id)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    /** The types of the item's events once they number {@code count} and stay so for a while. */
    private static List<String> settledEventTypes(UUID id, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .during(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> ContentApi.eventsFor(id).stream().map(e -> e.type()).toList(),
                        types -> types.size() == count);
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
        editAndSubmit(api, id, path);
        String body =
                "{\"publishAt\":\""
                        + publishAt
                        + "\""
                        + (unpublishAt == null ? "" : ",\"unpublishAt\":\"" + unpublishAt + "\"")
                        + "}";
        HttpResponse<String> scheduled = api.act(FRANK, id, "schedule", body);
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
    }

    /** A new revision of a live page, submitted for review. */
    private static void editAndSubmit(ContentApi api, UUID id, String path) {
        expect(
                api.put(
                        ERIN,
                        id,
                        api.etag(id),
                        with(page(path, "Here a while", "Here for now, edited."), "type", null)),
                200);
        expect(api.act(ERIN, id, "submit", null), 200);
    }

    private static Instant instant(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asString());
    }

    private static HttpResponse<String> web(ContentApi api, String path) {
        return api.deliver(null, "/api/content/channels/web/pages?path=" + path, Map.of());
    }
}
