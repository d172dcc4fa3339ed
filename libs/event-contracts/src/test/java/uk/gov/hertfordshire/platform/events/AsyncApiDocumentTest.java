package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class AsyncApiDocumentTest {

    private static final JsonNode ASYNCAPI = readAsyncApi();

    static Stream<Named<EventType<?>>> eventTypes() {
        return CatalogSource.eventTypes();
    }

    static Stream<String> topics() {
        return Topics.ALL.stream();
    }

    @Test
    void isAnAsyncApi3DocumentWithTheLocalBroker() {
        assertThat(ASYNCAPI.path("asyncapi").asString()).startsWith("3.0.");
        assertThat(ASYNCAPI.path("servers").path("local").path("host").asString())
                .isEqualTo("127.0.0.1:9092");
        assertThat(ASYNCAPI.path("servers").path("local").path("protocol").asString())
                .isEqualTo("kafka");
    }

    @ParameterizedTest
    @MethodSource("topics")
    void hasAChannelForEveryTopic(String topic) {
        assertThat(channelFor(topic)).as("channel with address %s", topic).isPresent();
    }

    @ParameterizedTest
    @MethodSource("topics")
    void everyTopicHasASendOperation(String topic) {
        String channelId = channelFor(topic).orElseThrow().getKey();

        assertThat(ASYNCAPI.path("operations").values())
                .anySatisfy(
                        operation -> {
                            assertThat(operation.path("action").asString()).isEqualTo("send");
                            assertThat(operation.path("channel").path("$ref").asString())
                                    .isEqualTo("#/channels/" + channelId);
                        });
    }

    @Test
    void declaresNoChannelForATopicOutsideTopics() {
        List<String> addresses = new ArrayList<>();
        ASYNCAPI.path("channels")
                .forEach(channel -> addresses.add(channel.path("address").asString()));

        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void hasAMessageForEveryCatalogTypeReferencingItsSchema(EventType<?> type) {
        Map.Entry<String, JsonNode> message = messageFor(type);

        JsonNode payload = message.getValue().path("payload");
        assertThat(payload.path("schemaFormat").asString())
                .as("JSON Schema draft 2020-12, as the schema files are written")
                .isEqualTo("application/schema+json;version=draft-2020-12");
        assertThat(payload.path("schema").path("$ref").asString())
                .isEqualTo("." + type.schemaResource());
        assertThat(AsyncApiDocumentTest.class.getResource(type.schemaResource())).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void messageIsOnItsTopicsChannel(EventType<?> type) {
        String messageId = messageFor(type).getKey();
        JsonNode channel = channelFor(type.topic()).orElseThrow().getValue();

        assertThat(channel.path("messages").path(messageId).path("$ref").asString())
                .isEqualTo("#/components/messages/" + messageId);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void messageHeadersAreTheSharedCloudEventHeadersWithItsOwnAttributes(EventType<?> type) {
        JsonNode headers = messageFor(type).getValue().path("headers").path("allOf");
        JsonNode own = headers.path(1).path("properties");

        assertThat(headers.path(0).path("$ref").asString())
                .isEqualTo("#/components/schemas/CloudEventHeaders");
        assertThat(own.path("ce_type").path("const").asString()).isEqualTo(type.type());
        assertThat(own.path("ce_source").path("const").asString()).isEqualTo(type.source());
        assertThat(own.path("ce_dataschema").path("const").asString())
                .isEqualTo(type.dataschema().toString());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void messageIsKeyedByTheAggregateId(EventType<?> type) {
        JsonNode key = messageFor(type).getValue().path("bindings").path("kafka").path("key");

        assertThat(key.path("type").asString()).isEqualTo("string");
        assertThat(key.path("description").asString()).contains("aggregate id");
    }

    @Test
    void sharedHeadersRequireTheCloudEventsAttributesThePlatformSends() {
        JsonNode headers = ASYNCAPI.path("components").path("schemas").path("CloudEventHeaders");
        List<String> required = new ArrayList<>();
        headers.path("required").forEach(name -> required.add(name.asString()));

        assertThat(required)
                .contains(
                        "ce_id",
                        "ce_source",
                        "ce_specversion",
                        "ce_type",
                        "ce_time",
                        "ce_subject",
                        "ce_dataschema",
                        "content-type");
        assertThat(headers.path("properties").propertyNames())
                .contains("ce_correlationid", "traceparent");
    }

    private static Map.Entry<String, JsonNode> messageFor(EventType<?> type) {
        return ASYNCAPI.path("components").path("messages").properties().stream()
                .filter(entry -> entry.getValue().path("name").asString().equals(type.type()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No AsyncAPI message for " + type.type()));
    }

    private static Optional<Map.Entry<String, JsonNode>> channelFor(String topic) {
        return ASYNCAPI.path("channels").properties().stream()
                .filter(entry -> entry.getValue().path("address").asString().equals(topic))
                .findFirst();
    }

    private static JsonNode readAsyncApi() {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            if (in == null) {
                throw new AssertionError("No /asyncapi.yaml on the classpath");
            }
            return YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
