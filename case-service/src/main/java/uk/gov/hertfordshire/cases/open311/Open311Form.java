package uk.gov.hertfordshire.cases.open311;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form a civic app POSTs (a service request, a service request update), checked for the
 * operation's field names: one value each (an empty one counts as not sent, as the spec's "Optional
 * Arguments" say), and {@code attribute[code]} or {@code attribute[code][]} answers. The checks
 * every such form shares are here too, so both operations hold the same rule for the same field.
 */
final class Open311Form {

    private static final Pattern ATTRIBUTE =
            Pattern.compile("attribute\\[([^\\[\\]]{1,100})](\\[])?");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]{1,253}");
    private static final Pattern PHONE = Pattern.compile("[0-9+() .-]{3,40}");
    private static final Pattern HTML = Pattern.compile("<\\s*[A-Za-z/!?]");
    private static final Pattern CONTROL =
            Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    private final Map<String, String> single = new LinkedHashMap<>();
    private final Map<String, List<String>> attributes = new LinkedHashMap<>();

    /**
     * @param fields the operation's field names; any other is refused by name
     * @param operation the operation's name in the spec, for the refusal
     * @throws Open311Exception 400 for a field the operation does not have or one sent twice
     */
    Open311Form(Map<String, String[]> form, Set<String> fields, String operation) {
        form.forEach(
                (name, values) -> {
                    Matcher attribute = ATTRIBUTE.matcher(name);
                    if (attribute.matches()) {
                        List<String> list =
                                attributes.computeIfAbsent(
                                        attribute.group(1), code -> new ArrayList<>());
                        for (String value : values) {
                            if (!value.isEmpty()) {
                                list.add(value);
                            }
                        }
                        return;
                    }
                    if (!fields.contains(name)) {
                        throw Open311Exception.badRequest(
                                "'"
                                        + (name.length() > 60 ? name.substring(0, 60) : name)
                                        + "' is not a field of "
                                        + operation
                                        + ".");
                    }
                    if (values.length > 1) {
                        throw Open311Exception.badRequest(name + " was sent more than once.");
                    }
                    if (!values[0].isEmpty()) {
                        single.put(name, values[0]);
                    }
                });
        attributes.values().removeIf(List::isEmpty);
    }

    /** The field's value, or null if it was not sent (or sent empty). */
    String single(String name) {
        return single.get(name);
    }

    /**
     * @throws Open311Exception 400 if the field was not sent
     */
    String required(String name) {
        String value = single.get(name);
        if (value == null) {
            throw Open311Exception.badRequest(name + " was not provided.");
        }
        return value;
    }

    /** The {@code attribute[...]} answers, by code; none empty. */
    Map<String, List<String>> attributes() {
        return attributes;
    }

    /** Free text: no control characters beyond line breaks and tabs, no HTML, as the spec says. */
    String text(String name, int max) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw Open311Exception.badRequest(
                    name + " is limited to " + String.format("%,d", max) + " characters.");
        }
        if (CONTROL.matcher(value).find()) {
            throw Open311Exception.badRequest(name + " may not contain control characters.");
        }
        if (HTML.matcher(value).find()) {
            throw Open311Exception.badRequest(name + " may contain line breaks, but not HTML.");
        }
        return value;
    }

    /** A short single-line value, such as a name. */
    String limited(String name, int max) {
        String value = single(name);
        if (value != null && (value.length() > max || CONTROL.matcher(value).find())) {
            throw Open311Exception.badRequest(
                    name + " must be at most " + max + " characters of text.");
        }
        return value;
    }

    String email() {
        String email = limited("email", 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw Open311Exception.badRequest("email must be an email address.");
        }
        return email;
    }

    String phone() {
        String phone = single("phone");
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw Open311Exception.badRequest(
                    "phone must be a phone number: digits, spaces, +, -, ( and ).");
        }
        return phone;
    }

    /** {@code media_url}: an absolute http or https URL of at most 2,000 characters. */
    String mediaUrl() {
        String value = single("media_url");
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (value.length() <= 2000
                    && uri.isAbsolute()
                    && ("https".equalsIgnoreCase(uri.getScheme())
                            || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // Refused below.
        }
        throw Open311Exception.badRequest("media_url must be an http or https URL.");
    }
}
