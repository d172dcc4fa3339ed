package uk.gov.hertfordshire.cases.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.gov.hertfordshire.cases.catalogue.CatalogueHttp.ADMIN;
import static uk.gov.hertfordshire.cases.catalogue.CatalogueHttp.IDP;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Who reads what of the catalogue, the seeded questions, and the methods the rest of case-service
 * (submission, Open311 {@code services/{code}}) calls.
 */
@PlatformIntegrationTest
@TestPropertySource(properties = CatalogueHttp.OWN_DATABASE)
class CatalogueReadTest {

    static final TestIssuer.TokenBuilder OFFICER = IDP.staff("officer-dan", "OFFICER");

    @LocalServerPort int port;
    @Autowired Catalogue catalogue;

    private CatalogueHttp api;

    @BeforeEach
    void api() {
        api = new CatalogueHttp(port);
    }

    @Test
    void anAnonymousCallerSeesOnlyServicesOfferedOnlineWhileStaffSeeEvery() {
        String offline =
                created(
                        ServiceJson.valid(CatalogueHttp.uniqueCode("gritting"))
                                .with("availableOnline", false));
        String withdrawn = created(ServiceJson.valid(CatalogueHttp.uniqueCode("bus-shelter")));
        assertThat(api.withdraw(withdrawn, ADMIN, "\"1\"").statusCode()).isEqualTo(200);
        String online = created(ServiceJson.valid(CatalogueHttp.uniqueCode("bus-shelter")));

        List<String> anonymous = codes(api.get(CatalogueHttp.BASE, null));
        List<String> citizen = codes(api.get(CatalogueHttp.BASE, IDP.citizen("alice")));
        List<String> staff = codes(api.get(CatalogueHttp.BASE, OFFICER));

        assertThat(anonymous).contains(online, "pothole", "blue-badge");
        assertThat(anonymous).doesNotContain(offline, withdrawn);
        assertThat(citizen).isEqualTo(anonymous);
        assertThat(staff).contains(online, offline, withdrawn, "pothole");

        assertThat(api.get(CatalogueHttp.BASE + "/" + offline, null).statusCode()).isEqualTo(404);
        assertThat(api.get(CatalogueHttp.BASE + "/" + withdrawn, null).statusCode()).isEqualTo(404);
        assertThat(api.get(CatalogueHttp.BASE + "/" + online, null).statusCode()).isEqualTo(200);
        assertThat(api.get(CatalogueHttp.BASE + "/" + offline, OFFICER).statusCode())
                .isEqualTo(200);
        HttpResponse<String> withdrawnToStaff =
                api.get(CatalogueHttp.BASE + "/" + withdrawn, OFFICER);
        assertThat(withdrawnToStaff.statusCode()).isEqualTo(200);
        assertThat(CatalogueHttp.body(withdrawnToStaff).get("withdrawn").asBoolean()).isTrue();
        assertThat(withdrawnToStaff.headers().firstValue("ETag")).hasValue("\"2\"");
    }

    @Test
    void theListLetsTheGatewayKeepItPerCallerClassWhileOneServiceDoesNot() {
        // ADR 42: the list depends only on whether the caller is staff, so the gateway may keep
        // it per class; every other cache still sees no-cache and Vary: Authorization.
        for (TestIssuer.TokenBuilder caller : java.util.Arrays.asList(null, OFFICER)) {
            HttpResponse<String> list = api.get(CatalogueHttp.BASE, caller);
            assertThat(list.headers().allValues("Gateway-Cache-Control"))
                    .containsExactly("max-age=5");
            assertThat(list.headers().firstValue("Cache-Control")).hasValue("no-cache");
        }
        HttpResponse<String> one = api.get(CatalogueHttp.BASE + "/pothole", null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.headers().allValues("Gateway-Cache-Control")).isEmpty();
    }

    @Test
    void theListIsNotSentAgainWhileUnchangedAndIsAfterAChange() {
        HttpResponse<String> first = api.get(CatalogueHttp.BASE, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().allValues("Vary")).anyMatch(v -> v.contains("Authorization"));

        HttpResponse<String> unchanged = revalidate(null, etag);
        HttpResponse<String> staffView = revalidate(OFFICER, etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(staffView.statusCode()).as("staff see another list").isEqualTo(200);

        created(ServiceJson.valid(CatalogueHttp.uniqueCode("bus-shelter")));

        HttpResponse<String> changed = revalidate(null, etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    private HttpResponse<String> revalidate(TestIssuer.TokenBuilder token, String etag) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + CatalogueHttp.BASE))
                        .header("If-None-Match", etag);
        if (token != null) {
            request.header("Authorization", token.bearer());
        }
        try {
            return HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anInvalidTokenOnAnOpenReadIs401BesideNoTokenAtAll() {
        assertThat(api.get(CatalogueHttp.BASE, IDP.staff("x", "ADMIN").expired()).statusCode())
                .isEqualTo(401);
        assertThat(api.get(CatalogueHttp.BASE, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theSeededPotholeAsksWhereHowDeepAndHowWideWithItsAllowedValues() {
        HttpResponse<String> response = api.get(CatalogueHttp.BASE + "/pothole", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode attributes = CatalogueHttp.body(response).get("attributes");
        assertThat(attributes).hasSize(3);
        JsonNode where = attributes.get(0);
        assertThat(where.get("code").asString()).isEqualTo("where");
        assertThat(where.get("datatype").asString()).isEqualTo("singlevaluelist");
        assertThat(where.get("required").asBoolean()).isTrue();
        assertThat(where.get("order").asInt()).isEqualTo(1);
        List<String> keys = new ArrayList<>();
        where.get("values").forEach(v -> keys.add(v.get("key").asString()));
        assertThat(keys).containsExactly("road", "pavement", "cycle-lane");
    }

    @Test
    void everySeededServiceAsksAtLeastOneQuestionAndEveryListQuestionHasValues() {
        for (String code :
                List.of(
                        "pothole",
                        "street-light",
                        "drain-flooding",
                        "road-sign",
                        "overgrown-vegetation",
                        "fly-tipping-highway",
                        "rights-of-way",
                        "blue-badge",
                        "school-transport",
                        "library-membership")) {
            List<ServiceAttribute> attributes = catalogue.attributesOf(code);
            assertThat(attributes).as(code).isNotEmpty();
            for (ServiceAttribute attribute : attributes) {
                assertThat(attribute.values().isEmpty())
                        .as(code + "." + attribute.code())
                        .isEqualTo(!attribute.datatype().isList());
            }
        }
    }

    @Test
    void attributesOfGivesTheQuestionsInOrderAndNothingForAnUnknownService() {
        assertThat(catalogue.attributesOf("street-light"))
                .extracting(ServiceAttribute::code, a -> a.datatype().wireValue())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("column_number", "string"),
                        org.assertj.core.groups.Tuple.tuple("fault", "singlevaluelist"));
        assertThat(catalogue.attributesOf("school-transport"))
                .extracting(ServiceAttribute::code)
                .containsExactly("school_name", "year_group", "distance_miles", "start_date");
        assertThat(catalogue.attributesOf("moon-landing")).isEmpty();
    }

    @Test
    void answersToTheSeededDrainQuestionAreCheckedAgainstItsValues() {
        assertThat(
                        catalogue.checkAnswers(
                                "drain-flooding",
                                Map.of(
                                        "water_entering_property", List.of("yes"),
                                        "road_passable", List.of("no"))))
                .isEmpty();
        assertThat(
                        catalogue.checkAnswers(
                                "drain-flooding",
                                Map.of(
                                        "water_entering_property", List.of("maybe"),
                                        "road_passable", List.of("no"))))
                .extracting(FieldProblem::field)
                .containsExactly("water_entering_property");
        assertThat(catalogue.checkAnswers("drain-flooding", Map.of("road_passable", List.of("no"))))
                .extracting(FieldProblem::field)
                .containsExactly("water_entering_property");
    }

    @Test
    void answersForAWithdrawnServiceAreRefusedBesideALiveOne() {
        String code = created(ServiceJson.valid(CatalogueHttp.uniqueCode("bus-shelter")));
        Map<String, List<String>> answers = Map.of("damage", List.of("glass"));
        assertThat(catalogue.checkAnswers(code, answers)).isEmpty();

        assertThat(api.withdraw(code, ADMIN, "\"1\"").statusCode()).isEqualTo(200);

        assertThatThrownBy(() -> catalogue.checkAnswers(code, answers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(code);
    }

    private String created(ServiceJson service) {
        HttpResponse<String> created = api.create(service.json(), ADMIN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return CatalogueHttp.body(created).get("code").asString();
    }

    private static List<String> codes(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        CatalogueHttp.body(response).forEach(s -> codes.add(s.get("code").asString()));
        return codes;
    }
}
