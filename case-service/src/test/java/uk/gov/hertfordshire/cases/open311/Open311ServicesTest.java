package uk.gov.hertfordshire.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * {@code GET services} as GeoReport v2 defines it: the field names of the spec's own example
 * (service_code, service_name, description, metadata, type, keywords, group), XML rooted at {@code
 * services}, and only services offered through Open311 — personal services are not listed.
 */
@PlatformIntegrationTest
class Open311ServicesTest {

    /** The fields of a service in the spec's example response, in its order. */
    static final List<String> SPEC_FIELDS =
            List.of(
                    "service_code",
                    "service_name",
                    "description",
                    "metadata",
                    "type",
                    "keywords",
                    "group");

    @LocalServerPort int port;

    @Test
    void listsPublicRealmServicesInJsonWithTheSpecsFieldsAndNoPersonalServices() throws Exception {
        HttpResponse<String> response = get("/open311/v2/services.json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode services = JsonMapper.builder().build().readTree(response.body());
        List<String> codes = new ArrayList<>();
        for (JsonNode service : services) {
            List<String> fields = new ArrayList<>();
            service.propertyNames().forEach(fields::add);
            assertThat(fields).containsExactlyElementsOf(SPEC_FIELDS);
            assertThat(service.get("type").asString()).isIn("realtime", "batch", "blackbox");
            assertThat(service.get("metadata").isBoolean()).isTrue();
            codes.add(service.get("service_code").asString());
        }
        assertThat(codes).contains("pothole", "street-light", "rights-of-way");
        assertThat(codes).doesNotContain("blue-badge", "school-transport");
    }

    @Test
    void listsTheSameServicesInXmlRootedAtServices() throws Exception {
        HttpResponse<String> response = get("/open311/v2/services.xml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/xml");
        assertThat(response.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        Document xml =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(
                                new ByteArrayInputStream(
                                        response.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("services");
        NodeList services = xml.getElementsByTagName("service");
        assertThat(services.getLength()).isEqualTo(7);
        Element first = (Element) services.item(0);
        List<String> children = new ArrayList<>();
        for (Node child = first.getFirstChild(); child != null; child = child.getNextSibling()) {
            children.add(child.getNodeName());
        }
        assertThat(children).containsExactlyElementsOf(SPEC_FIELDS);
    }

    @Test
    void aServiceDefinitionHasTheSpecsRootServiceCodeAndAttributesInXml() throws Exception {
        // Spec example: <service_definition><service_code>DMV66</service_code><attributes>...
        HttpResponse<String> response = get("/open311/v2/services/pothole.xml");

        assertThat(response.statusCode()).isEqualTo(200);
        Document xml = Open311Client.xml(response.body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("service_definition");
        assertThat(Open311Client.children(xml.getDocumentElement()))
                .containsExactly("service_code", "attributes");
        assertThat(Open311Client.text(xml.getDocumentElement(), "service_code"))
                .isEqualTo("pothole");
    }

    @Test
    void aServiceDefinitionInJsonIsOneObjectWithAnAttributesArray() throws Exception {
        // Spec example: {"service_code":"DMV66","attributes":[{...}]}
        HttpResponse<String> response = get("/open311/v2/services/street-light.json");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode definition = JsonMapper.builder().build().readTree(response.body());
        assertThat(Open311Client.fields(definition)).containsExactly("service_code", "attributes");
        assertThat(definition.get("attributes").isArray()).isTrue();
    }

    @Test
    void aPersonalServiceHasNoOpen311DefinitionBesideAPublicRealmOneThatDoes() throws Exception {
        // Spec: "404 - service_code or jurisdiction_id provided were not found".
        HttpResponse<String> personal = get("/open311/v2/services/blue-badge.xml");
        HttpResponse<String> unknown = get("/open311/v2/services/moon-landing.json");
        HttpResponse<String> publicRealm = get("/open311/v2/services/pothole.xml");

        assertThat(personal.statusCode()).isEqualTo(404);
        Document xml = Open311Client.xml(personal.body());
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("errors");
        assertThat(Open311Client.text(xml.getDocumentElement(), "code")).isEqualTo("404");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Open311Client.json(unknown.body()).get(0).get("code").asInt()).isEqualTo(404);
        assertThat(publicRealm.statusCode()).isEqualTo(200);
    }

    @Test
    void theListLetsTheGatewayKeepItWhileADefinitionAndAnErrorDoNot() throws Exception {
        // ADR 42: the gateway keeps only what carries its own field; every other cache still
        // sees no-cache.
        HttpResponse<String> list = get("/open311/v2/services.json");
        assertThat(list.headers().allValues("Gateway-Cache-Control")).containsExactly("max-age=5");
        assertThat(list.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(get("/open311/v2/services.xml").headers().allValues("Gateway-Cache-Control"))
                .containsExactly("max-age=5");

        HttpResponse<String> definition = get("/open311/v2/services/pothole.json");
        assertThat(definition.statusCode()).isEqualTo(200);
        assertThat(definition.headers().allValues("Gateway-Cache-Control")).isEmpty();
        HttpResponse<String> wrongJurisdiction =
                get("/open311/v2/services.json?jurisdiction_id=elsewhere.example");
        assertThat(wrongJurisdiction.statusCode()).isEqualTo(404);
        assertThat(wrongJurisdiction.headers().allValues("Gateway-Cache-Control")).isEmpty();
    }

    @Test
    void anUnchangedListIsA304ForItsOwnFormatOnly() throws Exception {
        HttpResponse<String> json = get("/open311/v2/services.json");
        String etag = json.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/open311/v2/services.json", etag);
        HttpResponse<String> xml = get("/open311/v2/services.xml", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(xml.statusCode()).as("another format, other bytes").isEqualTo(200);
        assertThat(xml.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("If-None-Match", ifNoneMatch)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
