package uk.gov.hertfordshire.platform.k8s;

import java.util.List;
import java.util.Map;

/** Reading parsed YAML: JSON pointers into nested maps and lists. */
final class Json {

    private Json() {}

    /** The value at a JSON pointer ({@code /spec/template/spec/containers/0}), or null. */
    static Object at(Object root, String pointer) {
        Object value = root;
        if (pointer.isEmpty()) {
            return value;
        }
        for (String step : pointer.substring(1).split("/")) {
            if (value instanceof Map<?, ?> map) {
                value = map.get(step.replace("~1", "/").replace("~0", "~"));
            } else if (value instanceof List<?> list && step.matches("\\d+")) {
                int index = Integer.parseInt(step);
                value = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
