package uk.gov.hertfordshire.cases.open311;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a GeoReport v2 response in XML or JSON from one description, so the two cannot drift: the
 * JSON is the XML mapped by the spec's "Spark convention" (a list element becomes an array of its
 * items, the root element disappears, an empty element is {@code null}). Field order is the order
 * of the maps given, which the callers take from the spec's tables.
 */
final class Open311Document {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    private Open311Document() {}

    /**
     * A list of like elements: XML {@code <services><service>...</service></services>}, JSON an
     * array.
     *
     * @param itemName the element name of each item ({@code service}, {@code request}, ...)
     * @param items the items, each an ordered map of field name to value (a String, Number,
     *     Boolean, null, or a nested {@code Items})
     */
    record Items(String itemName, List<? extends Map<String, ?>> items) {}

    /** The response body: {@code content} is an {@link Items} or one ordered map (an object). */
    static byte[] render(Open311Format format, String rootName, Object content) {
        if (format == Open311Format.JSON) {
            return JSON.writeValueAsBytes(toJson(content));
        }
        StringBuilder xml = new StringBuilder(XML_DECLARATION).append('\n');
        element(xml, rootName, content);
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Object toJson(Object value) {
        if (value instanceof Items items) {
            return items.items().stream().map(Open311Document::toJson).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((name, field) -> copy.put(name, toJson(field)));
            return copy;
        }
        return value;
    }

    private static void element(StringBuilder xml, String name, Object value) {
        xml.append('<').append(name).append('>');
        if (value instanceof Items items) {
            for (Map<String, ?> item : items.items()) {
                element(xml, items.itemName(), item);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((field, content) -> element(xml, String.valueOf(field), content));
        } else if (value != null) {
            escape(xml, String.valueOf(value));
        }
        xml.append("</").append(name).append('>');
    }

    /**
     * Escapes text for an XML element, dropping the characters XML 1.0 cannot carry at all (most
     * control characters), so no stored text can make the document unreadable.
     */
    private static void escape(StringBuilder xml, String text) {
        text.codePoints()
                .forEach(
                        c -> {
                            switch (c) {
                                case '<' -> xml.append("&lt;");
                                case '>' -> xml.append("&gt;");
                                case '&' -> xml.append("&amp;");
                                case '"' -> xml.append("&quot;");
                                case '\'' -> xml.append("&apos;");
                                default -> {
                                    if (c == 0x9
                                            || c == 0xA
                                            || c == 0xD
                                            || (c >= 0x20 && c <= 0xD7FF)
                                            || (c >= 0xE000 && c <= 0xFFFD)
                                            || c >= 0x10000) {
                                        xml.appendCodePoint(c);
                                    }
                                }
                            }
                        });
    }
}
