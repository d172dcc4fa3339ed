package uk.gov.hertfordshire.content.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.FRANK;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;
import static uk.gov.hertfordshire.content.support.ContentApi.with;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.support.ContentApi;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/** Each kind of bad item is refused with the field named, beside the valid one that is created. */
@PlatformIntegrationTest
class BadInputIntegrationTest {

    /** U+0000, which PostgreSQL cannot store in text. */
    static final String NUL = "\u0000";

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
    void eachInvalidFieldIs400NamingItBesideTheValidItem() {
        Map<String, Object> valid = page("/bad/valid-item", "Valid item", "A short body.");
        assertThat(api.create(ERIN, valid).statusCode()).isEqualTo(201);

        assertRefused(with(valid, "type", "brochure"), "type");
        assertRefused(with(valid, "path", "/Bad Path/x"), "path");
        assertRefused(with(valid, "path", "no-leading-slash"), "path");
        assertRefused(with(valid, "channels", List.of("web", "print")), "channels");
        assertRefused(with(valid, "serviceCodes", List.of("moon-landing")), "serviceCodes");
        assertRefused(with(valid, "audience", "staff"), "channels");
        assertRefused(with(valid, "title", null), "title");
        assertRefused(with(valid, "callScript", "Say hello."), "callScript");
        assertRefused(with(valid, "reviewBy", "next year"), "reviewBy");
        assertRefused(with(valid, "status", "published"), "status");
    }

    @Test
    void aTakenPathIs409AndTheFirstItemIsUnchanged() {
        Map<String, Object> first = page("/bad/taken", "First", "The first body.");
        assertThat(api.create(ERIN, first).statusCode()).isEqualTo(201);

        HttpResponse<String> second = api.create(ERIN, with(first, "title", "Second"));
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).get("errors").get(0).get("field").asString()).isEqualTo("path");
        assertThat(
                        jdbc.sql(
                                        "SELECT r.title FROM content_item i JOIN content_revision"
                                                + " r ON r.item_id = i.id WHERE i.path ="
                                                + " '/bad/taken'")
                                .query(String.class)
                                .list())
                .containsExactly("First");
    }

    @Test
    void aBodyOverOneHundredThousandCharactersIs413AndOneAtTheLimitIsCreated() {
        Map<String, Object> base = page("/bad/size", "Size", "");
        int room =
                100_000
                        - ((String) base.get("title")).length()
                        - ((String) base.get("summary")).length();
        assertThat(api.create(ERIN, with(base, "body", "a".repeat(room))).statusCode())
                .isEqualTo(201);
        HttpResponse<String> tooLarge =
                api.create(
                        ERIN,
                        with(with(base, "path", "/bad/size-over"), "body", "a".repeat(room + 1)));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
    }

    @Test
    void eachTypeKeepsToItsOwnFields() {
        Map<String, Object> guide =
                with(
                        with(page("/bad/guide", "A guide", "Intro."), "type", "guide"),
                        "parts",
                        List.of(
                                Map.of("title", "One", "body", "First part."),
                                Map.of("title", "Two", "body", "Second part.")));
        assertThat(api.create(ERIN, guide).statusCode()).isEqualTo(201);
        assertRefused(with(guide, "parts", List.of(Map.of("title", "One", "body", "x"))), "parts");
        assertRefused(
                with(guide, "parts", Arrays.asList(null, Map.of("title", "Two", "body", "x"))),
                "parts[0]");
        assertRefused(
                with(guide, "parts", Arrays.asList(Map.of("title", "One", "body", "x"), null)),
                "parts[1]");

        Map<String, Object> steps =
                with(
                        with(page("/bad/steps", "Steps", "Do this."), "type", "step_by_step"),
                        "steps",
                        List.of(
                                Map.of("title", "First", "body", "Check."),
                                Map.of("title", "Then", "body", "Apply.")));
        assertThat(api.create(ERIN, steps).statusCode()).isEqualTo(201);
        assertRefused(
                with(
                        with(steps, "path", "/bad/steps-2"),
                        "steps",
                        Arrays.asList(null, Map.of("title", "Then", "body", "Apply."))),
                "steps[0]");

        Map<String, Object> article =
                with(
                        with(
                                with(
                                        with(
                                                page("/bad/article", "An article", "Facts."),
                                                "type",
                                                "knowledge_article"),
                                        "audience",
                                        "staff"),
                                "channels",
                                List.of("contact_centre")),
                        "callScript",
                        "1. Ask where it is.");
        assertThat(api.create(ERIN, article).statusCode()).isEqualTo(201);
        assertRefused(
                with(with(article, "path", "/bad/article-2"), "callScript", null), "callScript");
        assertRefused(
                with(with(article, "path", "/bad/article-3"), "audience", "public"), "audience");
    }

    @Test
    void aNulCharacterInAnyTextIs400NamingTheFieldBesideTheSameItemWithout() {
        Map<String, Object> valid = page("/bad/nul-free", "No NUL", "A plain body.");
        UUID id = api.created(ERIN, valid);

        Map<String, Object> other = with(valid, "path", "/bad/nul-other");
        assertRefused(with(other, "title", "No" + NUL + " NUL"), "title");
        assertRefused(with(other, "summary", "A" + NUL), "summary");
        assertRefused(with(other, "body", "A plain" + NUL + " body."), "body");
        assertRefused(with(other, "serviceCodes", List.of("pothole" + NUL)), "serviceCodes");
        assertRefused(with(other, "topics", List.of("roads" + NUL)), "topics");
        assertRefused(with(valid, "path", "/bad/nul" + NUL), "path");
        Map<String, Object> guide =
                with(
                        with(page("/bad/nul-guide", "A guide", "Intro."), "type", "guide"),
                        "parts",
                        List.of(
                                Map.of("title", "One", "body", "First part."),
                                Map.of("title", "Two", "body", "Second" + NUL)));
        assertRefused(guide, "parts[1].body");

        // An edit: refused with the field named, and the same edit without it is saved.
        Map<String, Object> edit = with(valid, "type", null);
        HttpResponse<String> refused =
                api.put(ERIN, id, api.etag(id), with(edit, "body", "Edited" + NUL));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(json(refused).get("errors").findValuesAsString("field")).contains("body");
        assertThat(api.put(ERIN, id, api.etag(id), with(edit, "body", "Edited.")).statusCode())
                .isEqualTo(200);

        // A publisher's reason for rejecting.
        assertThat(api.act(ERIN, id, "submit", null).statusCode()).isEqualTo(200);
        HttpResponse<String> reason =
                api.act(
                        FRANK,
                        id,
                        "reject",
                        ContentApi.JSON.writeValueAsString(Map.of("reason", "Say" + NUL)));
        assertThat(reason.statusCode()).as(reason.body()).isEqualTo(400);
        assertThat(json(reason).get("errors").findValuesAsString("field")).contains("reason");
        assertThat(api.act(FRANK, id, "reject", "{\"reason\":\"Say more.\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aMissingTopicOrChannelIs400NamingTheField() {
        Map<String, Object> valid = page("/bad/lists", "Lists", "A plain body.");
        assertRefused(with(valid, "topics", Arrays.asList("roads", null)), "topics");
        assertRefused(with(valid, "channels", Arrays.asList("web", null)), "channels");
        assertRefused(with(valid, "serviceCodes", Arrays.asList("pothole", null)), "serviceCodes");
        assertThat(api.create(ERIN, valid).statusCode()).isEqualTo(201);
    }

    private void assertRefused(Map<String, Object> item, String field) {
        HttpResponse<String> response = api.create(ERIN, item);
        assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(json(response).get("errors").findValuesAsString("field")).contains(field);
    }
}
