package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The event catalogue is a valid AsyncAPI 3.0 document, by the AsyncAPI Initiative's own JSON
 * Schema (vendored from {@code @asyncapi/specs}, see {@code asyncapi-specs/README.md}), checked
 * with the JSON Schema validator the event schemas use. Each planted defect is a copy of the real
 * document with one thing wrong, and must be refused where the real one passes.
 */
class AsyncApiSchemaTest {

    private static final Schema ASYNCAPI_3_0 =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(
                            SchemaLocation.of(
                                    "classpath:asyncapi-specs/asyncapi-3.0.0.schema.json"));

    @Test
    void theCatalogueIsAValidAsyncApi30Document() {
        List<Error> errors = ASYNCAPI_3_0.validate(catalogue());

        assertThat(errors).isEmpty();
    }

    static Stream<Named<Consumer<ObjectNode>>> defects() {
        return Stream.of(
                Named.of(
                        "an operation with AsyncAPI 2's action 'publish'",
                        document -> firstOf(document, "operations").put("action", "publish")),
                Named.of(
                        "a channel address that is a number",
                        document -> firstOf(document, "channels").put("address", 42)),
                Named.of(
                        "a message whose payload's schemaFormat is not a string",
                        document ->
                                ((ObjectNode)
                                                firstOf(
                                                                (ObjectNode)
                                                                        document.path("components"),
                                                                "messages")
                                                        .path("payload"))
                                        .put("schemaFormat", 2020)),
                Named.of("no info", document -> document.remove("info")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void aPlantedDefectIsRefusedWhereTheRealDocumentPasses(Consumer<ObjectNode> plant) {
        ObjectNode real = catalogue();
        ObjectNode flawed = real.deepCopy();
        plant.accept(flawed);

        assertThat(flawed).as("the defect changed the document").isNotEqualTo(real);
        assertThat(ASYNCAPI_3_0.validate(real)).isEmpty();
        assertThat(ASYNCAPI_3_0.validate(flawed)).isNotEmpty();
    }

    private static ObjectNode firstOf(ObjectNode document, String section) {
        return (ObjectNode) document.path(section).values().iterator().next();
    }

    private static ObjectNode catalogue() {
        try (InputStream in = AsyncApiSchemaTest.class.getResourceAsStream("/asyncapi.yaml")) {
            if (in == null) {
                throw new AssertionError("No /asyncapi.yaml on the classpath");
            }
            JsonNode document = YAMLMapper.builder().build().readTree(in);
            return (ObjectNode) document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
