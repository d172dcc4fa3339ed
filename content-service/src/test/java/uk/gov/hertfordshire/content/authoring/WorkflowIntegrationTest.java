package uk.gov.hertfordshire.content.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.GRACE;
import static uk.gov.hertfordshire.content.support.ContentApi.expect;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;

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
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/** The workflow through the HTTP API: four eyes, stale writes, transitions and revisions. */
@PlatformIntegrationTest
class WorkflowIntegrationTest {

    static final String BODY = "Tell us where the pothole is. We aim to fix it within 5 days.";

    @LocalServerPort int port;
    @Autowired KnownServices services;

    private ContentApi api;

    @BeforeEach
    void connect() {
        api = new ContentApi(port);
        // After the context has declared the topics (broker auto-creation is off).
        ContentApi.announceServices("pothole", "street-light");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> services.unknown(List.of("pothole", "street-light")).isEmpty());
    }

    @Test
    void aPublisherCannotApproveTheirOwnChangeButAnotherPublisherCan() {
        UUID id = api.created(FRANK, page("/wf/four-eyes", "Four eyes", BODY));
        expect(api.act(FRANK, id, "submit", null), 200);

        HttpResponse<String> refused = api.act(FRANK, id, "approve", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("rule").asString()).isEqualTo("four-eyes");
        assertThat(json(refused).get("detail").asString())
                .contains("four-eyes rule")
                .contains("00020002");
        assertThat(json(api.get(FRANK, id)).get("status").asString()).isEqualTo("in_review");

        HttpResponse<String> approved = api.act(GRACE, id, "approve", null);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(json(approved).get("status").asString()).isEqualTo("published");
        assertThat(json(approved).get("liveRevision").asInt()).isEqualTo(1);
        assertThat(ContentApi.awaitEventTypes(id, 1))
                .containsExactly("uk.gov.hertfordshire.content.published.v1");
    }

    @Test
    void anEditorCannotApproveButAPublisherWhoDidNotWriteItCan() {
        UUID id = api.created(ERIN, page("/wf/editor-approves", "Editor approves", BODY));
        expect(api.act(ERIN, id, "submit", null), 200);

        assertThat(api.act(ERIN, id, "approve", null).statusCode()).isEqualTo(403);
        assertThat(api.act(FRANK, id, "approve", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anEditByThePublisherDuringReviewBindsThemToo() {
        Map<String, Object> item = page("/wf/edit-in-review", "Edited in review", BODY);
        UUID id = api.created(ERIN, item);
        expect(api.put(FRANK, id, api.etag(id), ContentApi.with(item, "type", null)), 200);
        expect(api.act(ERIN, id, "submit", null), 200);

        assertThat(api.act(FRANK, id, "approve", null).statusCode()).isEqualTo(409);
        assertThat(api.act(GRACE, id, "approve", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aWriteWithoutIfMatchIs428AndWithAStaleOneIs412BesideTheCurrentOne() {
        Map<String, Object> item = page("/wf/stale", "Stale writes", BODY);
        UUID id = api.created(ERIN, item);
        String first = api.etag(id);
        Map<String, Object> edit = ContentApi.with(item, "type", null);

        assertThat(api.put(ERIN, id, null, edit).statusCode()).isEqualTo(428);
        assertThat(api.actWith(ERIN, id, "submit", null, null).statusCode()).isEqualTo(428);
        HttpResponse<String> saved = api.put(ERIN, id, first, edit);
        assertThat(saved.statusCode()).isEqualTo(200);
        String second = saved.headers().firstValue("ETag").orElseThrow();
        assertThat(second).isNotEqualTo(first);

        HttpResponse<String> stale = api.put(ERIN, id, first, edit);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(api.actWith(ERIN, id, "submit", null, first).statusCode()).isEqualTo(412);
        assertThat(api.actWith(ERIN, id, "submit", null, second).statusCode()).isEqualTo(200);
    }

    @Test
    void aTransitionTheStatusDoesNotAllowIs409NamingTheAllowedOnes() {
        UUID id = api.created(ERIN, page("/wf/transition", "Transitions", BODY));

        HttpResponse<String> refused = api.act(FRANK, id, "approve", null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("detail").asString())
                .isEqualTo(
                        "Cannot approve an item that is draft; approve is allowed only from"
                                + " in_review.");
        assertThat(api.act(ERIN, id, "submit", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRejectionSendsItBackWithTheReasonForTheEditor() {
        UUID id = api.created(ERIN, page("/wf/rejected", "Rejected", BODY));
        expect(api.act(ERIN, id, "submit", null), 200);

        assertThat(api.act(FRANK, id, "reject", null).statusCode()).isEqualTo(400);
        HttpResponse<String> rejected =
                api.act(FRANK, id, "reject", "{\"reason\":\"Add the phone number.\"}");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(json(rejected).get("status").asString()).isEqualTo("draft");
        assertThat(json(rejected).get("reviewNote").asString()).isEqualTo("Add the phone number.");
    }

    @Test
    void restoringAnOldRevisionMakesItTheNewestDraftAndTheComparisonShowsTheChange() {
        Map<String, Object> item = page("/wf/restore", "Restore me", BODY);
        UUID id = api.created(ERIN, item);
        Map<String, Object> edit =
                ContentApi.with(
                        ContentApi.with(item, "type", null),
                        "body",
                        "A rewritten body that lost the target time.");
        expect(api.put(ERIN, id, api.etag(id), edit), 200);

        HttpResponse<String> compared =
                api.send(
                        "GET",
                        "/api/content/items/" + id + "/revisions/compare?from=1&to=2",
                        ERIN,
                        null,
                        Map.of());
        assertThat(compared.statusCode()).isEqualTo(200);
        assertThat(json(compared).get("changes").get(0).get("field").asString()).isEqualTo("body");
        assertThat(json(compared).get("changes").get(0).get("diff").asString())
                .contains("-" + BODY)
                .contains("+A rewritten body that lost the target time.");

        HttpResponse<String> restored = api.act(ERIN, id, "restore", "{\"revision\":1}");
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(json(restored).get("revision").asInt()).isEqualTo(3);
        assertThat(json(restored).get("content").get("body").asString()).isEqualTo(BODY);
        HttpResponse<String> revisions =
                api.send("GET", "/api/content/items/" + id + "/revisions", ERIN, null, Map.of());
        assertThat(json(revisions).get(0).get("note").asString())
                .isEqualTo("restored from revision 1");
        assertThat(json(revisions)).hasSize(3);
    }

    @Test
    void unpublishingAndArchivingEachEmitTheirOneEvent() {
        UUID id = api.published(ERIN, FRANK, page("/wf/lifecycle", "Whole life", BODY));
        expect(api.act(FRANK, id, "unpublish", null), 200);
        assertThat(
                        api.deliver(
                                        null,
                                        "/api/content/channels/web/pages?path=/wf/lifecycle",
                                        Map.of())
                                .statusCode())
                .isEqualTo(404);
        expect(api.act(FRANK, id, "archive", null), 200);

        assertThat(ContentApi.awaitEventTypes(id, 3))
                .containsExactly(
                        "uk.gov.hertfordshire.content.published.v1",
                        "uk.gov.hertfordshire.content.unpublished.v1",
                        "uk.gov.hertfordshire.content.archived.v1");
    }

    @Test
    void authoringIsNeverAnonymous() {
        UUID id = api.created(ERIN, page("/wf/anonymous", "Anonymous", BODY));
        assertThat(api.get(null, id).statusCode()).isEqualTo(401);
        assertThat(api.get(ContentApi.CITIZEN, id).statusCode()).isEqualTo(403);
        assertThat(api.get(ERIN, id).statusCode()).isEqualTo(200);
    }
}
