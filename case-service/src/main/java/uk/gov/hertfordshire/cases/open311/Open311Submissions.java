package uk.gov.hertfordshire.cases.open311;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.cases.catalogue.Catalogue;
import uk.gov.hertfordshire.cases.catalogue.CatalogueEntry;
import uk.gov.hertfordshire.cases.catalogue.FieldProblem;
import uk.gov.hertfordshire.cases.catalogue.ServiceAttribute;
import uk.gov.hertfordshire.cases.servicecase.Location;
import uk.gov.hertfordshire.cases.servicecase.ServiceCase;
import uk.gov.hertfordshire.cases.submission.CaseSubmission;
import uk.gov.hertfordshire.cases.submission.CaseSubmissionService;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * GeoReport v2 {@code POST requests}: checks the form field by field against the spec, then stores
 * the case (through {@link CaseSubmissionService}, channel {@code open311}, as the app's), what the
 * app sent beyond the case (token, media_url, attribute answers) and the reporter's contact details
 * in their own table, all in one transaction with the case's submitted event.
 */
@Service
class Open311Submissions {

    /** The spec's fields of POST Service Request; anything else is refused by name. */
    static final Set<String> FIELDS =
            Set.of(
                    "api_key",
                    "jurisdiction_id",
                    "service_code",
                    "lat",
                    "long",
                    "address_string",
                    "address_id",
                    "email",
                    "device_id",
                    "account_id",
                    "first_name",
                    "last_name",
                    "phone",
                    "description",
                    "media_url");

    private static final Pattern UPRN = Pattern.compile("[1-9][0-9]{0,11}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Catalogue catalogue;
    private final CaseSubmissionService submissions;
    private final JdbcClient jdbc;
    private final Open311Properties properties;
    private final SecureRandom random = new SecureRandom();

    Open311Submissions(
            Catalogue catalogue,
            CaseSubmissionService submissions,
            JdbcClient jdbc,
            Open311Properties properties) {
        this.catalogue = catalogue;
        this.submissions = submissions;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** What the app gets back. */
    record Created(UUID serviceRequestId, String token, String serviceNotice) {}

    @Transactional
    Created submit(Map<String, String[]> form, ApiKeys.ApiKeyIdentity app) {
        Open311Form fields = new Open311Form(form, FIELDS, "POST Service Request");
        String code = fields.single("service_code");
        if (code == null) {
            throw Open311Exception.badRequest("service_code was not provided.");
        }
        CatalogueEntry service =
                catalogue
                        .find(code)
                        .filter(CatalogueEntry::availableOpen311)
                        .orElseThrow(
                                () ->
                                        Open311Exception.notFound(
                                                "service_code '" + code + "' was not found."));
        Location location = location(fields.single("lat"), fields.single("long"));
        String address = fields.limited("address_string", 250);
        String uprn = fields.single("address_id");
        if (uprn != null && !UPRN.matcher(uprn).matches()) {
            throw Open311Exception.badRequest(
                    "address_id must be a UPRN (Unique Property Reference Number): 1 to 12"
                            + " digits.");
        }
        if (location == null && address == null && uprn == null) {
            throw Open311Exception.badRequest(
                    "A location is required: lat and long, address_string or address_id.");
        }
        String description = fields.text("description", CaseSubmission.MAX_DESCRIPTION);
        String mediaUrl = fields.mediaUrl();
        Map<String, List<String>> answers = answers(service, fields.attributes());
        Reporter reporter = reporter(fields);

        ServiceCase stored =
                submissions.submitThroughOpen311(
                        new CaseSubmission(service.code(), Channel.OPEN311, description, location),
                        app.submitter(),
                        address,
                        uprn);
        String token = token();
        jdbc.sql(
                        "INSERT INTO open311_request (case_id, api_key_id, token, media_url,"
                                + " attributes) VALUES (:case, :key, :token, :media,"
                                + " CAST(:attributes AS jsonb))")
                .param("case", stored.id())
                .param("key", app.id())
                .param("token", token)
                .param("media", mediaUrl)
                .param("attributes", JSON.writeValueAsString(answers))
                .update();
        if (reporter.any()) {
            jdbc.sql(
                            "INSERT INTO case_reporter (case_id, email, first_name, last_name,"
                                    + " phone, device_id, account_id) VALUES (:case, :email,"
                                    + " :first, :last, :phone, :device, :account)")
                    .param("case", stored.id())
                    .param("email", reporter.email())
                    .param("first", reporter.firstName())
                    .param("last", reporter.lastName())
                    .param("phone", reporter.phone())
                    .param("device", reporter.deviceId())
                    .param("account", reporter.accountId())
                    .update();
        }
        return new Created(
                stored.id(),
                token,
                ServiceNotice.of(
                        properties.councilName(),
                        service.responseTarget(),
                        service.responseUnit()));
    }

    private static Location location(String lat, String lon) {
        if (lat == null && lon == null) {
            return null;
        }
        if (lat == null || lon == null) {
            throw Open311Exception.badRequest(
                    "lat and long both need to be sent, or neither (then address_string or"
                            + " address_id).");
        }
        double latitude = number("lat", lat);
        double longitude = number("long", lon);
        try {
            return new Location(latitude, longitude);
        } catch (IllegalArgumentException outside) {
            throw Open311Exception.badRequest(
                    outside.getMessage().replace("latitude", "lat").replace("longitude", "long")
                            + ".");
        }
    }

    private static double number(String name, String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed) && value.matches("-?[0-9]{1,3}(\\.[0-9]{1,15})?")) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw Open311Exception.badRequest(
                name + " must be a WGS84 decimal degree, such as 51.752.");
    }

    private static Reporter reporter(Open311Form fields) {
        return new Reporter(
                fields.email(),
                fields.limited("first_name", 100),
                fields.limited("last_name", 100),
                fields.phone(),
                fields.limited("device_id", 200),
                fields.limited("account_id", 200));
    }

    /**
     * The attribute answers to the service's own questions, checked by the catalogue's one rule
     * ({@link Catalogue#checkAnswers}), each problem named as its form field. Attributes the
     * definition does not ask are ignored, not refused: the spec does not ask servers to refuse
     * them, and FixMyStreet sends its own on every report (attribute[fixmystreet_id], [easting],
     * [northing], [title], [report_url]...).
     */
    private Map<String, List<String>> answers(
            CatalogueEntry service, Map<String, List<String>> given) {
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (ServiceAttribute question : catalogue.attributesOf(service.code())) {
            List<String> values = given.get(question.code());
            if (values != null) {
                answers.put(question.code(), values);
            }
        }
        List<FieldProblem> problems = catalogue.checkAnswers(service.code(), answers);
        if (!problems.isEmpty()) {
            throw Open311Exception.badRequest(
                    problems.stream()
                                    .map(p -> "attribute[" + p.field() + "] " + p.message())
                                    .collect(Collectors.joining("; "))
                            + ".");
        }
        return answers;
    }

    private String token() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private record Reporter(
            String email,
            String firstName,
            String lastName,
            String phone,
            String deviceId,
            String accountId) {

        boolean any() {
            return email != null
                    || firstName != null
                    || lastName != null
                    || phone != null
                    || deviceId != null
                    || accountId != null;
        }
    }
}
