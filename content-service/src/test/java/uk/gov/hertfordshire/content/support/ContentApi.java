package uk.gov.hertfordshire.content.support;

import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.platform.testsupport.ServiceDefinitionFixture.serviceDefinition;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.platform.events.CloudEvents;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicWriter;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** Calls content-service over HTTP as editors, publishers and the public, for tests. */
public final class ContentApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    static final TestIssuer IDP = TestIssuer.shared();

    /** An editor. */
    public static final TestIssuer.TokenBuilder ERIN =
            IDP.staff("editor-erin", "EDITOR").staffId("00020001");

    /** A publisher, who also writes. */
    public static final TestIssuer.TokenBuilder FRANK =
            IDP.staff("publisher-frank", "PUBLISHER").staffId("00020002");

    /** Another publisher. */
    public static final TestIssuer.TokenBuilder GRACE =
            IDP.staff("publisher-grace", "PUBLISHER").staffId("00020003");

    /** A contact-centre agent: staff, but no author. */
    public static final TestIssuer.TokenBuilder AGENT =
            IDP.staff("agent-carol", "AGENT").staffId("00020004");

    public static final TestIssuer.TokenBuilder CITIZEN = IDP.citizen("alice");

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public ContentApi(int port) {
        this.port = port;
    }

    /** The fields of a valid public service page at the path, as JSON (edit with {@link #with}). */
    public static Map<String, Object> page(String path, String title, String body) {
        Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("type", "service_page");
        item.put("path", path);
        item.put("title", title);
        item.put("summary", "What you need to know about " + title.toLowerCase() + ".");
        item.put("body", body);
        item.put("channels", List.of("web", "digital_tv"));
        item.put("audience", "public");
        item.put("topics", List.of("roads"));
        item.put("serviceCodes", List.of("pothole"));
        item.put("reviewBy", "2027-06-30");
        return item;
    }

    public static Map<String, Object> with(Map<String, Object> item, String field, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(item);
        if (value == null) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return copy;
    }

    public HttpResponse<String> create(TestIssuer.TokenBuilder who, Map<String, Object> item) {
        return send("POST", "/api/content/items", who, JSON.writeValueAsString(item), Map.of());
    }

    /** Creates an item and returns its id, failing the test if it was not created. */
    public UUID created(TestIssuer.TokenBuilder who, Map<String, Object> item) {
        HttpResponse<String> response = create(who, item);
        if (response.statusCode() != 201) {
            throw new AssertionError("not created: " + response.body());
        }
        return UUID.fromString(json(response).get("id").asString());
    }

    public HttpResponse<String> get(TestIssuer.TokenBuilder who, UUID id) {
        return send("GET", "/api/content/items/" + id, who, null, Map.of());
    }

    public String etag(UUID id) {
        return get(FRANK, id).headers().firstValue("ETag").orElseThrow();
    }

    public HttpResponse<String> put(
            TestIssuer.TokenBuilder who, UUID id, String ifMatch, Map<String, Object> item) {
        return send(
                "PUT",
                "/api/content/items/" + id,
                who,
                JSON.writeValueAsString(item),
                ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    /** A workflow action with the item's current ETag. */
    public HttpResponse<String> act(
            TestIssuer.TokenBuilder who, UUID id, String action, String body) {
        return actWith(who, id, action, body, etag(id));
    }

    public HttpResponse<String> actWith(
            TestIssuer.TokenBuilder who, UUID id, String action, String body, String ifMatch) {
        return send(
                "POST",
                "/api/content/items/" + id + "/" + action,
                who,
                body,
                ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    /** Creates, submits (as the writer) and approves (as the approver) an item. */
    public UUID published(
            TestIssuer.TokenBuilder writer,
            TestIssuer.TokenBuilder approver,
            Map<String, Object> item) {
        UUID id = created(writer, item);
        expect(act(writer, id, "submit", null), 200);
        expect(act(approver, id, "approve", null), 200);
        return id;
    }

    /** GET a delivery path, anonymously when {@code who} is null. */
    public HttpResponse<String> deliver(
            TestIssuer.TokenBuilder who, String path, Map<String, String> headers) {
        return send("GET", path, who, null, headers);
    }

    public HttpResponse<String> send(
            String method,
            String path,
            TestIssuer.TokenBuilder who,
            String body,
            Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(30))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(
                                                body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (who != null) {
            request.header("Authorization", who.bearer());
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    public static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(
                    "expected "
                            + status
                            + " but was "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return response;
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /**
     * Announces catalogue services on {@code cases.events} as case-service does, and waits until
     * content knows them, so it can name them. Call it after the context has declared the topics
     * (broker auto-creation is off).
     */
    public static void announceServices(KnownServices services, String... codes) {
        try (KafkaTopicWriter kafka = KafkaTopicWriter.toSharedBroker()) {
            for (String code : codes) {
                kafka.publish(serviceDefinition(code).build());
            }
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> services.unknown(List.of(codes)).isEmpty());
    }

    /** The types of the events published for the item on content.events, in order. */
    public static List<ReceivedEvent> eventsFor(UUID id) {
        CloudEvents cloudEvents = new CloudEvents();
        List<ReceivedEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record :
                KafkaTopicReader.readAll(
                        TestInfrastructure.shared().kafkaBootstrapServers(), Topics.CONTENT)) {
            if (id.toString().equals(record.key())) {
                events.add(cloudEvents.receive(record));
            }
        }
        return events;
    }

    /** Waits until the item has at least {@code count} events and returns their types. */
    public static List<String> awaitEventTypes(UUID id, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> eventsFor(id).stream().map(ReceivedEvent::type).toList(),
                        types -> types.size() >= count);
    }
}
