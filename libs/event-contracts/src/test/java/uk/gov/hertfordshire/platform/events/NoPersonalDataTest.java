package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;

/** No event may carry a citizen's contact details, free text, date of birth or address. */
class NoPersonalDataTest {

    private static final Pattern PERSONAL =
            Pattern.compile(
                    "(?i).*(name|e-?mail|phone|mobile|description|narrative|notes?|comment"
                            + "|dateofbirth|birth|dob|address|street|nhsnumber|ninumber).*");

    /**
     * Fields whose name looks personal but whose value is about the council, never a person, by
     * event type: only that type, only that field.
     */
    private static final Map<EventType<?>, Set<String>> NOT_ABOUT_A_PERSON =
            Map.of(ServiceDefinitionChanged.TYPE, Set.of("name"));

    static Stream<Named<EventType<?>>> eventTypes() {
        return CatalogSource.eventTypes();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaDeclaresNoPersonalProperty(EventType<?> type) {
        List<String> propertyNames = new ArrayList<>();
        collectPropertyNames(EventSchemas.schemaDocument(type), propertyNames);

        assertThat(propertyNames).isNotEmpty();
        assertThat(personal(type, propertyNames)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void payloadRecordHasNoPersonalComponent(EventType<?> type) {
        List<String> componentNames = new ArrayList<>();
        collectComponentNames(type.payloadClass(), componentNames);

        assertThat(componentNames).isNotEmpty();
        assertThat(personal(type, componentNames)).isEmpty();
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

    @Test
    void aServicesNameIsAllowedOnTheServiceDefinitionOnly() {
        assertThat(personal(ServiceDefinitionChanged.TYPE, List.of("name", "teamCode"))).isEmpty();
        assertThat(personal(ServiceDefinitionChanged.TYPE, List.of("name", "email")))
                .containsExactly("email");
        assertThat(personal(CaseSubmitted.TYPE, List.of("name", "teamCode")))
                .containsExactly("name");
    }

    private static List<String> personal(EventType<?> type, List<String> names) {
        Set<String> allowed = NOT_ABOUT_A_PERSON.getOrDefault(type, Set.of());
        return names.stream()
                .filter(name -> PERSONAL.matcher(name).matches())
                .filter(name -> !allowed.contains(name))
                .toList();
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
