package uk.gov.hertfordshire.content.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.hertfordshire.content.support.ContentApi.ERIN;
import static uk.gov.hertfordshire.content.support.ContentApi.json;
import static uk.gov.hertfordshire.content.support.ContentApi.page;
import static uk.gov.hertfordshire.content.support.ContentApi.with;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
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

    private void assertRefused(Map<String, Object> item, String field) {
        HttpResponse<String> response = api.create(ERIN, item);
        assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(json(response).get("errors").findValuesAsString("field")).contains(field);
    }
}
