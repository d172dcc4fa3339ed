package uk.gov.hertfordshire.content.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.expect;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;
import static uk.gov.hertfordshire.content.support.ContentApi.with;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * An edit's new path is part of the draft (ADR 14): while a revision is live the page stays at its
 * path until a publisher approves the edit, and a path another item holds, live or staged, is 409.
 * A never-published item's path changes with the edit, as before (the positive control).
 */
@PlatformIntegrationTest
class PathChangeIntegrationTest {

    static final String BODY = "Tell us where the pothole is. We aim to fix it within 5 days.";

    @LocalServerPort int port;
    @Autowired KnownServices services;
    @Autowired JdbcClient jdbc;

    private ContentApi api;

    @BeforeEach
    void connect() {
        api = new ContentApi(port);
        // After the context has declared the topics (broker auto-creation is off).
        ContentApi.announceServices(services, "pothole");
    }

    @Test
    void aNewPathForALivePageTakesEffectOnlyWhenAPublisherApprovesTheEdit() {
        Map<String, Object> item = page("/paths/a", "Old place", BODY);
        UUID id = api.published(ERIN, FRANK, item);
        assertThat(web("/paths/a").statusCode()).isEqualTo(200);

        HttpResponse<String> edited =
                expect(
                        api.put(
                                ERIN,
                                id,
                                api.etag(id),
                                with(
                                        with(with(item, "type", null), "path", "/paths/b"),
                                        "title",
                                        "New place")),
                        200);
        HttpResponse<String> stillLive = web("/paths/a");
        assertThat(stillLive.statusCode()).isEqualTo(200);
        assertThat(json(stillLive).get("title").asString()).isEqualTo("Old place");
        assertThat(json(stillLive).get("path").asString()).isEqualTo("/paths/a");
        assertThat(web("/paths/b").statusCode()).isEqualTo(404);
        assertThat(json(edited).get("path").asString()).isEqualTo("/paths/a");
        assertThat(stagedPath(json(edited))).isEqualTo("/paths/b");

        expect(api.act(ERIN, id, "submit", null), 200);
        assertThat(web("/paths/a").statusCode()).isEqualTo(200);
        assertThat(web("/paths/b").statusCode()).isEqualTo(404);

        JsonNode approved = json(expect(api.act(FRANK, id, "approve", null), 200));
        assertThat(approved.get("path").asString()).isEqualTo("/paths/b");
        assertThat(stagedPath(approved)).isNull();
        assertThat(web("/paths/a").statusCode()).isEqualTo(404);
        HttpResponse<String> moved = web("/paths/b");
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(json(moved).get("title").asString()).isEqualTo("New place");
        assertThat(json(moved).get("path").asString()).isEqualTo("/paths/b");
        // The old path is free again once nothing holds it.
        assertThat(api.create(ERIN, page("/paths/a", "Someone else", BODY)).statusCode())
                .isEqualTo(201);
    }

    @Test
    void aNeverPublishedItemsPathChangesWithTheEdit() {
        Map<String, Object> item = page("/paths/draft-old", "Draft only", BODY);
        UUID id = api.created(ERIN, item);

        JsonNode edited =
                json(
                        expect(
                                api.put(
                                        ERIN,
                                        id,
                                        api.etag(id),
                                        with(with(item, "type", null), "path", "/paths/draft-new")),
                                200));
        assertThat(edited.get("path").asString()).isEqualTo("/paths/draft-new");
        assertThat(stagedPath(edited)).isNull();

        expect(api.act(ERIN, id, "submit", null), 200);
        expect(api.act(FRANK, id, "approve", null), 200);
        assertThat(web("/paths/draft-new").statusCode()).isEqualTo(200);
        assertThat(web("/paths/draft-old").statusCode()).isEqualTo(404);
    }

    @Test
    void aPathAnotherItemHoldsLiveOrStagedIs409() {
        api.published(ERIN, FRANK, page("/paths/held-live", "Held live", BODY));
        Map<String, Object> mover = page("/paths/mover-old", "Mover", BODY);
        UUID moving = api.published(ERIN, FRANK, mover);
        expect(
                api.put(
                        ERIN,
                        moving,
                        api.etag(moving),
                        with(with(mover, "type", null), "path", "/paths/mover-new")),
                200);
        Map<String, Object> other = page("/paths/other", "Other", BODY);
        UUID otherId = api.created(ERIN, other);
        Map<String, Object> otherEdit = with(other, "type", null);

        for (String held :
                new String[] {"/paths/held-live", "/paths/mover-old", "/paths/mover-new"}) {
            HttpResponse<String> refused =
                    api.put(ERIN, otherId, api.etag(otherId), with(otherEdit, "path", held));
            assertThat(refused.statusCode()).as(held).isEqualTo(409);
            assertThat(json(refused).get("detail").asString()).contains(held);
            assertThat(api.create(ERIN, with(other, "path", held)).statusCode())
                    .as(held)
                    .isEqualTo(409);
        }
        assertThat(json(api.get(ERIN, otherId)).get("path").asString()).isEqualTo("/paths/other");

        // The database refuses a second holder of a staged path too, whoever writes.
        assertThatThrownBy(
                        () ->
                                jdbc.sql(
                                                "UPDATE content_item SET path = '/paths/mover-new'"
                                                        + " WHERE id = :id")
                                        .param("id", otherId)
                                        .update())
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void rejectingTheEditOrRestoringAnOlderRevisionDropsTheStagedPath() {
        Map<String, Object> rejectedItem = page("/paths/rejected", "Rejected move", BODY);
        UUID rejected = api.published(ERIN, FRANK, rejectedItem);
        stage(rejected, rejectedItem, "/paths/rejected-new");
        expect(api.act(ERIN, rejected, "submit", null), 200);
        JsonNode afterReject =
                json(expect(api.act(FRANK, rejected, "reject", "{\"reason\":\"Keep it.\"}"), 200));
        assertThat(afterReject.get("path").asString()).isEqualTo("/paths/rejected");
        assertThat(stagedPath(afterReject)).isNull();
        assertThat(api.create(ERIN, page("/paths/rejected-new", "Free", BODY)).statusCode())
                .isEqualTo(201);
        expect(api.act(ERIN, rejected, "submit", null), 200);
        expect(api.act(FRANK, rejected, "approve", null), 200);
        assertThat(web("/paths/rejected").statusCode()).isEqualTo(200);

        Map<String, Object> restoredItem = page("/paths/restored", "Restored move", BODY);
        UUID restored = api.published(ERIN, FRANK, restoredItem);
        stage(restored, restoredItem, "/paths/restored-new");
        JsonNode afterRestore =
                json(expect(api.act(ERIN, restored, "restore", "{\"revision\":1}"), 200));
        assertThat(afterRestore.get("path").asString()).isEqualTo("/paths/restored");
        assertThat(stagedPath(afterRestore)).isNull();
        expect(api.act(ERIN, restored, "submit", null), 200);
        expect(api.act(FRANK, restored, "approve", null), 200);
        assertThat(web("/paths/restored").statusCode()).isEqualTo(200);
        assertThat(web("/paths/restored-new").statusCode()).isEqualTo(404);
    }

    @Test
    void takingTheLivePageOffLeavesTheItemAtItsDraftsPath() {
        Map<String, Object> item = page("/paths/withdrawn", "Withdrawn", BODY);
        UUID id = api.published(ERIN, FRANK, item);
        stage(id, item, "/paths/withdrawn-new");

        JsonNode archived = json(expect(api.act(FRANK, id, "archive", null), 200));
        assertThat(archived.get("path").asString()).isEqualTo("/paths/withdrawn-new");
        assertThat(stagedPath(archived)).isNull();
        assertThat(web("/paths/withdrawn").statusCode()).isEqualTo(404);
        assertThat(web("/paths/withdrawn-new").statusCode()).isEqualTo(404);
        assertThat(api.create(ERIN, page("/paths/withdrawn", "Free", BODY)).statusCode())
                .isEqualTo(201);
    }

    /** Editor Erin gives the live item a new path. */
    private void stage(UUID id, Map<String, Object> item, String path) {
        JsonNode edited =
                json(
                        expect(
                                api.put(
                                        ERIN,
                                        id,
                                        api.etag(id),
                                        with(with(item, "type", null), "path", path)),
                                200));
        assertThat(stagedPath(edited)).isEqualTo(path);
    }

    /** The item's staged path, null when it has none. */
    private static String stagedPath(JsonNode item) {
        JsonNode staged = item.get("stagedPath");
        return staged == null || staged.isNull() ? null : staged.asString();
    }

    private HttpResponse<String> web(String path) {
        return api.deliver(null, "/api/content/channels/web/pages?path=" + path, Map.of());
    }
}
