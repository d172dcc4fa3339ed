package uk.gov.hertfordshire.cases.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.hertfordshire.cases.catalogue.CatalogueHttp.ADMIN;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * Every rule of a service definition through HTTP: the breaking request is a 400 problem naming the
 * field, with nothing stored or published, beside a control differing in that one value, which is
 * created.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = CatalogueHttp.OWN_DATABASE)
class CatalogueValidationTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private CatalogueHttp api;

    @BeforeEach
    void api() {
        api = new CatalogueHttp(port);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uk.gov.hertfordshire.cases.catalogue.DefinitionRuleCases#all")
    void eachRuleIsRefusedNamingItsFieldBesideAValidControl(DefinitionRuleCases.RuleCase rule) {
        String code = CatalogueHttp.uniqueCode("bus-shelter");
        long services = count("catalogue_service");
        long events = count("platform.outbox");

        HttpResponse<String> refused =
                api.create(rule.breaking().apply(ServiceJson.valid(code)).json(), ADMIN);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(fields(refused)).containsExactly(rule.field());
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("catalogue_");
        assertThat(count("catalogue_service")).isEqualTo(services);
        assertThat(count("platform.outbox")).isEqualTo(events);

        HttpResponse<String> control =
                api.create(rule.control().apply(ServiceJson.valid(code)).json(), ADMIN);
        assertThat(control.statusCode()).as(control.body()).isEqualTo(201);
        assertThat(count("catalogue_service")).isEqualTo(services + 1);
        assertThat(count("platform.outbox")).isEqualTo(events + 1);
    }

    @Test
    void aReplacementIsCheckedByTheSameRulesAndLeavesTheServiceAsItWas() {
        String code = CatalogueHttp.uniqueCode("bus-shelter");
        assertThat(api.create(ServiceJson.valid(code).json(), ADMIN).statusCode()).isEqualTo(201);

        HttpResponse<String> refused =
                api.replace(
                        code,
                        ServiceJson.valid(code)
                                .with("name", "Renamed")
                                .withAttribute(1, "values", List.of())
                                .json(),
                        ADMIN,
                        "\"1\"");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("attributes[1].values");
        JsonNode unchanged = CatalogueHttp.body(api.get(CatalogueHttp.BASE + "/" + code, ADMIN));
        assertThat(unchanged.get("name").asString()).isEqualTo("Damaged bus shelter");
        assertThat(unchanged.get("version").asInt()).isEqualTo(1);
        assertThat(unchanged.get("attributes").get(1).get("values")).hasSize(3);

        HttpResponse<String> control =
                api.replace(
                        code,
                        ServiceJson.valid(code).with("name", "Renamed").json(),
                        ADMIN,
                        "\"1\"");
        assertThat(control.statusCode()).isEqualTo(200);
    }

    @Test
    void aReplacementCannotChangeTheCode() {
        String code = CatalogueHttp.uniqueCode("bus-shelter");
        assertThat(api.create(ServiceJson.valid(code).json(), ADMIN).statusCode()).isEqualTo(201);

        HttpResponse<String> refused =
                api.replace(code, ServiceJson.valid(code + "-renamed").json(), ADMIN, "\"1\"");
        HttpResponse<String> control =
                api.replace(code, ServiceJson.valid(code).json(), ADMIN, "\"1\"");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("code");
        assertThat(control.statusCode()).isEqualTo(200);
    }

    @Test
    void aFieldAdminCannotSetIsRefusedByNameBesideTheSameRequestWithoutIt() {
        String code = CatalogueHttp.uniqueCode("bus-shelter");

        HttpResponse<String> withVersion =
                api.create(ServiceJson.valid(code).with("version", 7).json(), ADMIN);
        HttpResponse<String> withOrder =
                api.create(ServiceJson.valid(code).withAttribute(0, "order", 4).json(), ADMIN);
        HttpResponse<String> control = api.create(ServiceJson.valid(code).json(), ADMIN);

        assertThat(withVersion.statusCode()).isEqualTo(400);
        assertThat(withVersion.body()).contains("The field 'version' is not allowed");
        assertThat(withOrder.statusCode()).isEqualTo(400);
        assertThat(withOrder.body()).contains("'attributes[0].order'");
        assertThat(control.statusCode()).isEqualTo(201);
        assertThat(CatalogueHttp.body(control).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aNumberWhereTextBelongsIsNamedAsTheWrongType() {
        String code = CatalogueHttp.uniqueCode("bus-shelter");

        HttpResponse<String> refused =
                api.create(ServiceJson.valid(code).with("responseTarget", "five").json(), ADMIN);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("responseTarget");
    }

    private static List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        JsonNode errors = CatalogueHttp.body(response).get("errors");
        assertThat(errors).as(response.body()).isNotNull();
        errors.forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
