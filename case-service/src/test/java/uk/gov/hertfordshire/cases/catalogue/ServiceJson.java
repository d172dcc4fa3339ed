package uk.gov.hertfordshire.cases.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service definition as ADMIN would send it, valid until a test changes one thing: a damaged bus
 * shelter, with a free-text question and a single-choice one.
 */
final class ServiceJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private ServiceJson() {}

    static ServiceJson valid(String code) {
        ServiceJson service = new ServiceJson();
        service.fields.put("code", code);
        service.fields.put("name", "Damaged bus shelter");
        service.fields.put("group", "Highways");
        service.fields.put(
                "description", "A bus shelter with broken glass, a broken seat or no roof.");
        service.fields.put("keywords", "bus, shelter, glass");
        service.fields.put("responseTarget", 10);
        service.fields.put("responseUnit", "working_days");
        service.fields.put("teamCode", "HWY-PASSENGER");
        service.fields.put("availableOnline", true);
        service.fields.put("availableOpen311", true);
        service.fields.put("publicRealm", true);
        List<Object> attributes = new ArrayList<>();
        attributes.add(
                attribute(
                        "shelter_number",
                        "string",
                        false,
                        "What is the number on the shelter's timetable case?"));
        Map<String, Object> damage =
                attribute("damage", "singlevaluelist", true, "What is damaged?");
        damage.put(
                "values",
                new ArrayList<>(
                        List.of(
                                value("glass", "Broken glass"),
                                value("seat", "Broken seat"),
                                value("roof", "Roof missing or leaking"))));
        attributes.add(damage);
        service.fields.put("attributes", attributes);
        return service;
    }

    static Map<String, Object> attribute(
            String code, String datatype, boolean required, String description) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("code", code);
        attribute.put("datatype", datatype);
        attribute.put("required", required);
        attribute.put("description", description);
        return attribute;
    }

    static Map<String, Object> value(String key, String name) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("key", key);
        value.put("name", name);
        return value;
    }

    /** Sets a top-level field; null writes an explicit JSON null. */
    ServiceJson with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    ServiceJson without(String field) {
        fields.remove(field);
        return this;
    }

    /** Sets a field of the n-th attribute (0: shelter_number, 1: damage); null removes it. */
    @SuppressWarnings("unchecked")
    ServiceJson withAttribute(int index, String field, Object value) {
        Map<String, Object> attribute =
                ((List<Map<String, Object>>) fields.get("attributes")).get(index);
        if (value == null) {
            attribute.remove(field);
        } else {
            attribute.put(field, value);
        }
        return this;
    }

    @SuppressWarnings("unchecked")
    ServiceJson addAttribute(Map<String, Object> attribute) {
        ((List<Object>) fields.get("attributes")).add(attribute);
        return this;
    }

    String json() {
        return JSON.writeValueAsString(fields);
    }

    ServiceRequest request() {
        return JSON.readValue(json(), ServiceRequest.class);
    }
}
