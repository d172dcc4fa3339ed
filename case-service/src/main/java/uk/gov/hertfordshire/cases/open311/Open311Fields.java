package uk.gov.hertfordshire.cases.open311;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of Open311's responses and forms, for {@link Open311ApiDocumentation}. The forms are
 * the sets the handlers accept ({@link Open311Submissions#FIELDS}, {@link Open311Updates#FIELDS}),
 * each with what it means here.
 */
final class Open311Fields {

    static final List<String> SERVICE =
            List.of(
                    "service_code",
                    "service_name",
                    "description",
                    "metadata",
                    "type",
                    "keywords",
                    "group");

    static final List<String> REQUEST =
            List.of(
                    "service_request_id",
                    "status",
                    "status_notes",
                    "service_name",
                    "service_code",
                    "description",
                    "agency_responsible",
                    "service_notice",
                    "requested_datetime",
                    "updated_datetime",
                    "expected_datetime",
                    "address",
                    "address_id",
                    "zipcode",
                    "lat",
                    "long",
                    "media_url");

    static final List<String> UPDATE =
            List.of(
                    "update_id",
                    "service_request_id",
                    "status",
                    "external_status_code",
                    "updated_datetime",
                    "description",
                    "media_url");

    private static final Map<String, String> MEANINGS =
            Map.ofEntries(
                    Map.entry("api_key", "The app's key, issued by the council (required)."),
                    Map.entry("jurisdiction_id", "Optional: hertfordshire.gov.uk."),
                    Map.entry("service_code", "A service from GET services."),
                    Map.entry("lat", "WGS84 latitude; with long, or address_string/address_id."),
                    Map.entry("long", "WGS84 longitude."),
                    Map.entry("address_string", "The address as typed, up to 250 characters."),
                    Map.entry("address_id", "A UPRN: 1 to 12 digits."),
                    Map.entry("email", "The citizen's email: personal data, never shown."),
                    Map.entry("first_name", "Personal data, never shown."),
                    Map.entry("last_name", "Personal data, never shown."),
                    Map.entry("phone", "Personal data, never shown."),
                    Map.entry("device_id", "Kept with the reporter's details, never shown."),
                    Map.entry(
                            "account_id",
                            "Kept for a request; accepted and not kept for an update."),
                    Map.entry(
                            "description",
                            "Text without HTML: up to 4,000 characters for a"
                                    + " request, 2,000 for an update."),
                    Map.entry("media_url", "An http or https URL of a picture."),
                    Map.entry("service_request_id", "A request this app sent."),
                    Map.entry(
                            "update_id",
                            "The app's own id for the update: sent again, it"
                                    + " records nothing new."),
                    Map.entry("updated_datetime", "When the citizen wrote it: W3C date-time."),
                    Map.entry(
                            "status",
                            "OPEN, CLOSED, FIXED, REOPEN or another of the extension's"
                                    + " statuses; see the case-service README for what each does."),
                    Map.entry("title", "Accepted and not kept."),
                    Map.entry("service_request_id_ext", "Accepted and not kept."),
                    Map.entry("public_anonymity_required", "Accepted and not kept."),
                    Map.entry("email_alerts_requested", "Accepted and not kept."));

    static final Map<String, String> REQUEST_FORM = described(Open311Submissions.FIELDS);

    static final Map<String, String> UPDATE_FORM = described(Open311Updates.FIELDS);

    private Open311Fields() {}

    private static Map<String, String> described(Set<String> fields) {
        Map<String, String> described = new LinkedHashMap<>();
        fields.forEach(field -> described.put(field, MEANINGS.getOrDefault(field, "")));
        return described;
    }
}
