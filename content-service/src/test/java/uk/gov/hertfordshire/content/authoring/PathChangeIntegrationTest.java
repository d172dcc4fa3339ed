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
        assertThat(json(edited).get("path").asString()).isEqualTo("/paths/b");
        assertThat(livePath(json(edited))).isEqualTo("/paths/a");

        expect(api.act(ERIN, id, "submit", null), 200);
        assertThat(web("/paths/a").statusCode()).isEqualTo(200);
        assertThat(web("/paths/b").statusCode()).isEqualTo(404);

        JsonNode approved = json(expect(api.act(FRANK, id, "approve", null), 200));
        assertThat(approved.get("path").asString()).isEqualTo("/paths/b");
        assertThat(livePath(approved)).isEqualTo("/paths/b");
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
        assertThat(livePath(edited)).isNull();

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
    void theStagedPathStaysWithTheDraftUntilAPutGivesTheLivePathBack() {
        Map<String, Object> item = page("/paths/kept", "Kept move", BODY);
        UUID id = api.published(ERIN, FRANK, item);
        stage(id, item, "/paths/kept-new");
        expect(api.act(ERIN, id, "submit", null), 200);

        JsonNode rejected =
                json(expect(api.act(FRANK, id, "reject", "{\"reason\":\"Typo.\"}"), 200));
        assertThat(rejected.get("path").asString()).isEqualTo("/paths/kept-new");
        // Read and written back, as an editor's client does: the move it did not look at stays.
        JsonNode read = json(api.get(ERIN, id));
        Map<String, Object> echoed =
                with(with(item, "type", null), "path", read.get("path").asString());
        JsonNode rewritten = json(expect(api.put(ERIN, id, api.etag(id), echoed), 200));
        assertThat(rewritten.get("path").asString()).isEqualTo("/paths/kept-new");
        JsonNode restored = json(expect(api.act(ERIN, id, "restore", "{}"), 200));
        assertThat(restored.get("path").asString()).isEqualTo("/paths/kept-new");
        assertThat(livePath(restored)).isEqualTo("/paths/kept");
        assertThat(web("/paths/kept").statusCode()).isEqualTo(200);
        assertThat(web("/paths/kept-new").statusCode()).isEqualTo(404);
        assertThat(api.create(ERIN, page("/paths/kept-new", "Taken", BODY)).statusCode())
                .as("still held by the draft")
                .isEqualTo(409);

        // The one thing changed: the live path given back cancels the move and frees the new one.
        JsonNode cancelled =
                json(
                        expect(
                                api.put(
                                        ERIN,
                                        id,
                                        api.etag(id),
                                        with(with(item, "type", null), "path", "/paths/kept")),
                                200));
        assertThat(cancelled.get("path").asString()).isEqualTo("/paths/kept");
        assertThat(api.create(ERIN, page("/paths/kept-new", "Free", BODY)).statusCode())
                .isEqualTo(201);
        expect(api.act(ERIN, id, "submit", null), 200);
        expect(api.act(FRANK, id, "approve", null), 200);
        assertThat(web("/paths/kept").statusCode()).isEqualTo(200);
    }

    @Test
    void takingTheLivePageOffLeavesTheItemAtItsDraftsPath() {
        Map<String, Object> item = page("/paths/withdrawn", "Withdrawn", BODY);
        UUID id = api.published(ERIN, FRANK, item);
        stage(id, item, "/paths/withdrawn-new");

        JsonNode archived = json(expect(api.act(FRANK, id, "archive", null), 200));
        assertThat(archived.get("path").asString()).isEqualTo("/paths/withdrawn-new");
        assertThat(livePath(archived)).isNull();
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
        assertThat(edited.get("path").asString()).isEqualTo(path);
    }

    /** Where the item's live revision is served, null when nothing is live. */
    private static String livePath(JsonNode item) {
        JsonNode live = item.get("livePath");
        return live == null || live.isNull() ? null : live.asString();
    }

    private HttpResponse<String> web(String path) {
        return api.deliver(null, "/api/content/channels/web/pages?path=" + path, Map.of());
    }
}
