package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** No event may carry a citizen's contact details, free text, date of birth or address. */
class NoPersonalDataTest {

    private static final Pattern PERSONAL =
            Pattern.compile(
                    "(?i).*(name|e-?mail|phone|mobile|description|narrative|notes?|comment"
                            + "|dateofbirth|birth|dob|address|street|nhsnumber|ninumber).*");

    static Stream<Named<EventType<?>>> eventTypes() {
        return CatalogSource.eventTypes();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaDeclaresNoPersonalProperty(EventType<?> type) {
        List<String> propertyNames = new ArrayList<>();
        collectPropertyNames(EventSchemas.schemaDocument(type), propertyNames);

        assertThat(propertyNames).isNotEmpty().noneMatch(name -> PERSONAL.matcher(name).matches());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void payloadRecordHasNoPersonalComponent(EventType<?> type) {
        List<String> componentNames = new ArrayList<>();
        collectComponentNames(type.payloadClass(), componentNames);

        assertThat(componentNames).isNotEmpty().noneMatch(name -> PERSONAL.matcher(name).matches());
    }

    @Test
    void scanRecognisesPersonalPropertyNames() {
        assertThat(
                        Stream.of(
                                "citizenName",
                                "email",
                                "phoneNumber",
                                "description",
                                "dateOfBirth",
                                "homeAddress"))
                .allMatch(name -> PERSONAL.matcher(name).matches());
    }

    private static void collectPropertyNames(JsonNode schema, List<String> names) {
        if (schema.isObject()) {
            for (Map.Entry<String, JsonNode> entry : schema.properties()) {
                if (entry.getKey().equals("properties") && entry.getValue().isObject()) {
                    names.addAll(entry.getValue().propertyNames());
                }
                collectPropertyNames(entry.getValue(), names);
            }
        } else if (schema.isArray()) {
            schema.forEach(element -> collectPropertyNames(element, names));
        }
    }

    private static void collectComponentNames(Class<?> recordClass, List<String> names) {
        for (RecordComponent component : recordClass.getRecordComponents()) {
            names.add(component.getName());
            if (component.getType().isRecord()) {
                collectComponentNames(component.getType(), names);
            }
        }
    }
}
