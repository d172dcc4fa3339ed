package uk.gov.hertfordshire.cases.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.cases.catalogue.CatalogueHttp.ADMIN;
import static uk.gov.hertfordshire.cases.catalogue.CatalogueHttp.IDP;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * ADMIN creates, replaces and withdraws services over HTTP: each change answered, stored and
 * published as exactly one ServiceDefinitionChanged carrying the values sent; every refusal beside
 * the same request that differs in one thing and succeeds.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = CatalogueHttp.OWN_DATABASE)
class CatalogueAdministrationTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private CatalogueHttp api;

    @BeforeEach
    void api() {
        api = new CatalogueHttp(port);
    }

    // --- who may change the catalogue ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"OFFICER", "AGENT", "ANALYST", "EDITOR", "CITIZEN-CLAIMING-ADMIN"})
    void onlyAdminCreatesTheSameService(String who) {
        String code = CatalogueHttp.uniqueCode("bus-shelter");
        String json = ServiceJson.valid(code).json();

        HttpResponse<String> refused = api.create(json, nonAdmin(who));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(stored(code)).isZero();

        assertThat(api.create(json, ADMIN).statusCode()).isEqualTo(201);
        assertThat(stored(code)).isOne();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"OFFICER", "AGENT", "CITIZEN-CLAIMING-ADMIN"})
    void onlyAdminReplacesAndWithdraws(String who) {
        String code = created();
        String renamed = ServiceJson.valid(code).with("name", "Bus shelter damaged").json();

        assertThat(api.replace(code, renamed, nonAdmin(who), "\"1\"").statusCode()).isEqualTo(403);
        assertThat(api.withdraw(code, nonAdmin(who), "\"1\"").statusCode()).isEqualTo(403);
        assertThat(version(code)).as("unchanged").isOne();

        assertThat(api.replace(code, renamed, ADMIN, "\"1\"").statusCode()).isEqualTo(200);
        assertThat(api.withdraw(code, ADMIN, "\"2\"").statusCode()).isEqualTo(200);
        assertThat(version(code)).isEqualTo(3);
    }

    @Test
    void withoutATokenAChangeIs401BesideTheSameWithAdminsToken() {
        String code = CatalogueHttp.uniqueCode("bus-shelter");
        String json = ServiceJson.valid(code).json();

        assertThat(api.create(json, null).statusCode()).isEqualTo(401);
        assertThat(api.create(json, ADMIN).statusCode()).isEqualTo(201);
    }

    // --- each change, answered and published once with the values sent ---

    @Test
    void aCreatedServiceIsAnsweredWithItsVersionAndPublishedOnceWithTheValuesSent() {
        String code = CatalogueHttp.uniqueCode("bus-shelter");

        HttpResponse<String> created =
                api.create(ServiceJson.valid(code).with("feePence", 2500).json(), ADMIN);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location"))
                .hasValue("/api/catalogue/services/" + code);
        assertThat(created.headers().firstValue("ETag")).hasValue("\"1\"");
        JsonNode view = CatalogueHttp.body(created);
        assertThat(view.get("version").asInt()).isEqualTo(1);
        assertThat(view.get("attributes").get(1).get("values").get(2).get("name").asString())
                .isEqualTo("Roof missing or leaking");

        JsonNode event = CatalogueHttp.payload(onlyChange(code, 1).get(0));
        assertThat(event.get("serviceCode").asString()).isEqualTo(code);
        assertThat(event.get("name").asString()).isEqualTo("Damaged bus shelter");
        assertThat(event.get("group").asString()).isEqualTo("Highways");
        assertThat(event.get("teamCode").asString()).isEqualTo("HWY-PASSENGER");
        assertThat(event.get("publicRealm").asBoolean()).isTrue();
        assertThat(event.get("availableOnline").asBoolean()).isTrue();
        assertThat(event.get("availableOpen311").asBoolean()).isTrue();
        assertThat(event.get("feePence").asInt()).isEqualTo(2500);
        assertThat(event.get("responseTarget").asInt()).isEqualTo(10);
        assertThat(event.get("responseUnit").asString()).isEqualTo("working_days");
        assertThat(event.get("withdrawn").asBoolean()).isFalse();
        assertThat(event.get("changedAt").asString()).isEqualTo(view.get("changedAt").asString());
    }

    @Test
    void aReplacementIsStoredWithItsNewQuestionsAndPublishedOnceMore() {
        String code = created();
        String replacement =
                ServiceJson.valid(code)
                        .with("name", "Bus shelter damaged or dirty")
                        .with("teamCode", "HWY-SHELTERS")
                        .with("responseTarget", 16)
                        .with("responseUnit", "working_hours")
                        .with("availableOpen311", false)
                        .with("feePence", null)
                        .withAttribute(1, "datatype", "multivaluelist")
                        .addAttribute(
                                ServiceJson.attribute(
                                        "reported_before",
                                        "number",
                                        false,
                                        "How many times have you reported it?"))
                        .json();

        HttpResponse<String> replaced = api.replace(code, replacement, ADMIN, "\"1\"");

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.headers().firstValue("ETag")).hasValue("\"2\"");
        HttpResponse<String> read = api.get(CatalogueHttp.BASE + "/" + code, ADMIN);
        JsonNode attributes = CatalogueHttp.body(read).get("attributes");
        assertThat(attributes).hasSize(3);
        assertThat(attributes.get(1).get("datatype").asString()).isEqualTo("multivaluelist");
        assertThat(attributes.get(2).get("code").asString()).isEqualTo("reported_before");
        assertThat(attributes.get(2).get("order").asInt()).isEqualTo(3);

        JsonNode event = CatalogueHttp.payload(onlyChange(code, 2).get(1));
        assertThat(event.get("name").asString()).isEqualTo("Bus shelter damaged or dirty");
        assertThat(event.get("teamCode").asString()).isEqualTo("HWY-SHELTERS");
        assertThat(event.get("responseTarget").asInt()).isEqualTo(16);
        assertThat(event.get("responseUnit").asString()).isEqualTo("working_hours");
        assertThat(event.get("availableOpen311").asBoolean()).isFalse();
        assertThat(event.hasNonNull("feePence")).as("no fee").isFalse();
        assertThat(event.get("withdrawn").asBoolean()).isFalse();
    }

    @Test
    void aWithdrawalIsPublishedOnceAndTheServiceTakesNoNewCasesWhileItsOldCaseKeepsItsCode() {
        String code = created();
        TestIssuer.TokenBuilder alice = IDP.citizen("alice");
        String caseJson =
                """
                {"serviceCode":"%s","channel":"web",\
                "location":{"latitude":51.7520,"longitude":-0.3360},\
                "attributes":{"damage":"glass"}}"""
                        .formatted(code);
        HttpResponse<String> before = api.send("POST", "/api/cases", caseJson, alice, null, null);
        assertThat(before.statusCode()).as(before.body()).isEqualTo(201);
        String oldCase = before.headers().firstValue("Location").orElseThrow();
        assertThat(open311Codes()).contains(code);

        HttpResponse<String> withdrawn = api.withdraw(code, ADMIN, "\"1\"");

        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(CatalogueHttp.body(withdrawn).get("withdrawn").asBoolean()).isTrue();
        assertThat(CatalogueHttp.payload(onlyChange(code, 2).get(1)).get("withdrawn").asBoolean())
                .isTrue();
        HttpResponse<String> after = api.send("POST", "/api/cases", caseJson, alice, null, null);
        assertThat(after.statusCode()).isEqualTo(400);
        assertThat(after.body()).contains(code);
        HttpResponse<String> control =
                api.send(
                        "POST",
                        "/api/cases",
                        caseJson.replace(code, "pothole")
                                .replace(
                                        "{\"damage\":\"glass\"}",
                                        uk.gov.hertfordshire.cases.CaseApi.answersTo("pothole")),
                        alice,
                        null,
                        null);
        assertThat(control.statusCode()).isEqualTo(201);
        HttpResponse<String> old = api.send("GET", oldCase, null, alice, null, null);
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(CatalogueHttp.body(old).get("serviceCode").asString()).isEqualTo(code);
        assertThat(open311Codes()).doesNotContain(code).contains("pothole");
        HttpResponse<String> meToo =
                api.send(
                        "POST",
                        oldCase + "/supporters",
                        "{\"channel\":\"web\"}",
                        IDP.citizen("bob"),
                        null,
                        null);
        assertThat(meToo.statusCode()).as("its open case still takes a 'me too'").isEqualTo(201);
    }

    @Test
    void aWithdrawnServiceCannotChangeNorBeWithdrawnAgainNorHaveItsCodeReused() {
        String code = created();
        assertThat(api.withdraw(code, ADMIN, "\"1\"").statusCode()).isEqualTo(200);

        HttpResponse<String> again = api.withdraw(code, ADMIN, "\"2\"");
        HttpResponse<String> replaced =
                api.replace(code, ServiceJson.valid(code).json(), ADMIN, "\"2\"");
        HttpResponse<String> recreated = api.create(ServiceJson.valid(code).json(), ADMIN);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(replaced.statusCode()).isEqualTo(409);
        assertThat(replaced.body()).contains("withdrawn");
        assertThat(recreated.statusCode()).isEqualTo(409);
        assertThat(recreated.body()).contains("never reused");
        assertThat(version(code)).isEqualTo(2);
        assertThat(onlyChange(code, 2)).hasSize(2);
    }

    // --- optimistic concurrency ---

    @Test
    void aChangeToAStaleVersionIs412BesideTheSameChangeToTheCurrentVersion() {
        String code = created();
        String first = ServiceJson.valid(code).with("name", "First admin's name").json();
        String second = ServiceJson.valid(code).with("name", "Second admin's name").json();
        assertThat(api.replace(code, first, ADMIN, "\"1\"").statusCode()).isEqualTo(200);

        HttpResponse<String> stale = api.replace(code, second, ADMIN, "\"1\"");
        HttpResponse<String> staleWithdrawal = api.withdraw(code, ADMIN, "\"1\"");

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(stale.body()).contains("version 2");
        assertThat(staleWithdrawal.statusCode()).isEqualTo(412);
        assertThat(name(code)).isEqualTo("First admin's name");

        HttpResponse<String> current = api.replace(code, second, ADMIN, "\"2\"");
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(name(code)).isEqualTo("Second admin's name");
        assertThat(onlyChange(code, 3)).hasSize(3);
    }

    @Test
    void ofSixAdminsChangingTheSameVersionAtOnceExactlyOneWinsAndIsPublished() throws Exception {
        String code = created();
        int admins = 6;
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < admins; i++) {
                String json = ServiceJson.valid(code).with("name", "Name from admin " + i).json();
                answers.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return api.replace(code, json, ADMIN, "\"1\"").statusCode();
                                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }

            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(version(code)).isEqualTo(2);
        assertThat(onlyChange(code, 2)).hasSize(2);
    }

    @Test
    void aChangeWithoutIfMatchIs428AndAWeakOrWildcardOneIs412BesideTheStrongETag() {
        String code = created();
        String json = ServiceJson.valid(code).with("name", "Renamed").json();

        assertThat(api.replace(code, json, ADMIN, null).statusCode()).isEqualTo(428);
        assertThat(api.withdraw(code, ADMIN, null).statusCode()).isEqualTo(428);
        assertThat(api.replace(code, json, ADMIN, "W/\"1\"").statusCode()).isEqualTo(412);
        assertThat(api.replace(code, json, ADMIN, "*").statusCode()).isEqualTo(412);
        assertThat(version(code)).isOne();

        assertThat(api.replace(code, json, ADMIN, "\"1\"").statusCode()).isEqualTo(200);
    }

    @Test
    void aChangeToAServiceThatDoesNotExistIs404() {
        String code = CatalogueHttp.uniqueCode("nowhere");
        assertThat(api.replace(code, ServiceJson.valid(code).json(), ADMIN, "\"1\"").statusCode())
                .isEqualTo(404);
        assertThat(api.withdraw(code, ADMIN, "\"1\"").statusCode()).isEqualTo(404);
    }

    // --- creates are idempotent ---

    @Test
    void aRepeatedCreateWithTheSameIdempotencyKeyIsReplayedAndStoredAndPublishedOnce() {
        String code = CatalogueHttp.uniqueCode("bus-shelter");
        String json = ServiceJson.valid(code).json();
        String key = java.util.UUID.randomUUID().toString();

        HttpResponse<String> first = api.send("POST", CatalogueHttp.BASE, json, ADMIN, null, key);
        HttpResponse<String> repeat = api.send("POST", CatalogueHttp.BASE, json, ADMIN, null, key);
        HttpResponse<String> newKey =
                api.send(
                        "POST",
                        CatalogueHttp.BASE,
                        json,
                        ADMIN,
                        null,
                        java.util.UUID.randomUUID().toString());

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(repeat.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(newKey.statusCode()).as("a new key is a new request").isEqualTo(409);
        assertThat(stored(code)).isOne();
        assertThat(onlyChange(code, 1)).hasSize(1);
    }

    @Test
    void whetherAServiceIsAboutAPlaceCannotChangeBesideAChangeThatKeepsIt() {
        String code = created();
        String personal =
                ServiceJson.valid(code)
                        .with("publicRealm", false)
                        .with("availableOpen311", false)
                        .json();
        String renamed = ServiceJson.valid(code).with("name", "Bus shelter broken").json();

        HttpResponse<String> refused = api.replace(code, personal, ADMIN, "\"1\"");
        HttpResponse<String> accepted = api.replace(code, renamed, ADMIN, "\"1\"");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("publicRealm", "cannot change");
        assertThat(accepted.statusCode()).isEqualTo(200);
    }

    private String created() {
        String code = CatalogueHttp.uniqueCode("bus-shelter");
        HttpResponse<String> created = api.create(ServiceJson.valid(code).json(), ADMIN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return code;
    }

    private static TestIssuer.TokenBuilder nonAdmin(String who) {
        return "CITIZEN-CLAIMING-ADMIN".equals(who)
                ? IDP.citizen("mallory").roles("CITIZEN", "ADMIN")
                : IDP.staff("staff-" + who.toLowerCase(java.util.Locale.ROOT), who);
    }

    /**
     * The service's ServiceDefinitionChanged events once every outbox row about it has been sent:
     * exactly {@code expected} of them, so none was lost and none sent twice.
     */
    private List<ConsumerRecord<String, byte[]>> onlyChange(String code, int expected) {
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                jdbc.sql(
                                                "SELECT count(*) FROM platform.outbox WHERE"
                                                        + " message_key = :code AND sent_at IS NULL")
                                        .param("code", code)
                                        .query(Long.class)
                                        .single(),
                        unsent -> unsent == 0);
        List<ConsumerRecord<String, byte[]>> changes = CatalogueHttp.changesOf(code);
        assertThat(changes).as("ServiceDefinitionChanged about " + code).hasSize(expected);
        return changes;
    }

    private List<String> open311Codes() {
        JsonNode services = CatalogueHttp.body(api.get("/open311/v2/services.json", null));
        List<String> codes = new ArrayList<>();
        services.forEach(s -> codes.add(s.get("service_code").asString()));
        return codes;
    }

    private long stored(String code) {
        return jdbc.sql("SELECT count(*) FROM catalogue_service WHERE code = :code")
                .param("code", code)
                .query(Long.class)
                .single();
    }

    private int version(String code) {
        return jdbc.sql("SELECT version FROM catalogue_service WHERE code = :code")
                .param("code", code)
                .query(Integer.class)
                .single();
    }

    private String name(String code) {
        return jdbc.sql("SELECT name FROM catalogue_service WHERE code = :code")
                .param("code", code)
                .query(String.class)
                .single();
    }
}
