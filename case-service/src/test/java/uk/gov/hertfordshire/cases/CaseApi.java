package uk.gov.hertfordshire.cases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** Calls case-service over HTTP as a given caller, and reads what it published, for tests. */
public final class CaseApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public CaseApi(int port) {
        this.port = port;
    }

    /** Submits a case and returns its id, failing the test if it was not created. */
    public UUID submit(
            TestIssuer.TokenBuilder caller,
            String serviceCode,
            String channel,
            double latitude,
            double longitude) {
        HttpResponse<String> created =
                post(
                        "/api/cases",
                        caller,
                        "{\"serviceCode\":\""
                                + serviceCode
                                + "\",\"channel\":\""
                                + channel
                                + "\",\"location\":{\"latitude\":"
                                + latitude
                                + ",\"longitude\":"
                                + longitude
                                + "},\"attributes\":"
                                + answersTo(serviceCode)
                                + "}");
        if (created.statusCode() != 201) {
            throw new AssertionError("case not created: " + created.body());
        }
        return UUID.fromString(json(created).get("id").asString());
    }

    /**
     * Valid answers to a seeded service's required questions (catalogue V8), as the JSON object a
     * web form sends: the online channels must answer them.
     */
    public static String answersTo(String serviceCode) {
        return switch (serviceCode) {
            case "pothole" ->
                    "{\"where\":\"road\",\"depth\":\"over-100mm\",\"size\":\"under-300mm\"}";
            case "street-light" -> "{\"fault\":\"out\"}";
            case "drain-flooding" ->
                    "{\"water_entering_property\":\"no\",\"road_passable\":\"yes\"}";
            case "road-sign" -> "{\"sign_problem\":\"damaged\"}";
            case "overgrown-vegetation" -> "{\"blocking\":[\"road\"]}";
            case "fly-tipping-highway" ->
                    "{\"waste_type\":[\"household\"],\"amount\":\"single-item\"}";
            case "rights-of-way" -> "{\"problem\":\"blocked\"}";
            case "blue-badge" -> "{\"applicant_type\":\"self\",\"application_kind\":\"new\"}";
            case "school-transport" ->
                    "{\"school_name\":\"Sele School\",\"year_group\":\"reception\"}";
            case "library-membership" -> "{\"membership_type\":\"adult\"}";
            default -> "{}";
        };
    }

    public HttpResponse<String> post(String path, TestIssuer.TokenBuilder caller, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", caller.bearer())
                        .POST(
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path, TestIssuer.TokenBuilder caller) {
        return send(
                HttpRequest.newBuilder(uri(path)).header("Authorization", caller.bearer()).build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The CloudEvents types published for one case (its Kafka key), in order. */
    public static List<String> eventTypesFor(UUID caseId) {
        return eventsFor(caseId.toString()).stream()
                .map(
                        record -> {
                            Header type = record.headers().lastHeader("ce_type");
                            return new String(type.value(), StandardCharsets.UTF_8);
                        })
                .toList();
    }

    /** The records on cases.events with this key, in order. */
    public static List<ConsumerRecord<String, byte[]>> eventsFor(String key) {
        return KafkaTopicReader.readAll(
                        TestInfrastructure.shared().kafkaBootstrapServers(), Topics.CASES)
                .stream()
                .filter(record -> key.equals(record.key()))
                .toList();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
