package uk.gov.hertfordshire.cases.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** Calls case-service the way a civic app and an admin would, and reads what comes back. */
final class Open311Client {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final TestIssuer.TokenBuilder ADMIN = TestIssuer.shared().staff("admin-judy", "ADMIN");

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    Open311Client(int port) {
        this.port = port;
    }

    /** Issues a key through the admin API, as {@code ./platform api-key} does. */
    String issueKey(String name) throws Exception {
        HttpResponse<String> issued = issueKeyResponse(name);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return JSON.readTree(issued.body()).get("key").asString();
    }

    HttpResponse<String> issueKeyResponse(String name) throws Exception {
        return send(
                HttpRequest.newBuilder(uri("/api/open311/keys"))
                        .header("Authorization", ADMIN.bearer())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")));
    }

    HttpResponse<String> post(String path, Map<String, String> form, String... headers)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(
                        field ->
                                URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(
                                                field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** A pothole by Hertford's County Hall, as a civic app would send it. */
    static Map<String, String> pothole(String apiKey) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", apiKey);
        form.put("jurisdiction_id", "hertfordshire.gov.uk");
        form.put("service_code", "pothole");
        form.put("lat", "51.7960");
        form.put("long", "-0.0790");
        form.put("address_string", "Pegs Lane, Hertford, SG13 8DQ");
        form.put("email", "reporter@example.org");
        form.put("first_name", "Rhiannon");
        form.put("last_name", "Reporter");
        form.put("phone", "07700 900456");
        form.put("device_id", "device-123");
        form.put("account_id", "account-456");
        form.put("description", "A large pothole by the zebra crossing");
        form.put("media_url", "https://example.org/photos/1.jpg");
        // The catalogue's required pothole questions (services/pothole lists them).
        form.put("attribute[where]", "road");
        form.put("attribute[depth]", "40-to-100mm");
        form.put("attribute[size]", "300mm-to-1m");
        return form;
    }

    static Document xml(String body) throws Exception {
        assertThat(body).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    /** The names of an element's child elements, in document order. */
    static List<String> children(Element element) {
        List<String> names = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                names.add(child.getNodeName());
            }
        }
        return names;
    }

    static List<String> fields(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    static String text(Element parent, String child) {
        return parent.getElementsByTagName(child).item(0).getTextContent();
    }
}
