package uk.gov.hertfordshire.cases.open311;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.XML;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Open311's operations in case-service's OpenAPI document as they really are: anonymous (no bearer
 * requirement; the POSTs carry the app's {@code api_key} as a form field, which OpenAPI's security
 * schemes cannot express, so the form documents it), their query parameters and form bodies
 * (springdoc sees only a servlet request), the one media type each path's extension gives ({@code
 * text/xml} or {@code application/json}), the success status (201 for a new request or update), and
 * errors in GeoReport v2's {@code errors} format rather than problem details.
 */
@Component
class Open311ApiDocumentation implements GlobalOpenApiCustomizer {

    static final String ROOT = "/open311/v2/";
    static final String ERRORS = "Open311Errors";
    static final String FORM = "application/x-www-form-urlencoded";

    private static final Map<String, String> ERROR_MEANINGS =
            Map.of(
                    "400",
                            "A parameter or form field is missing or invalid; the description names it.",
                    "401", "A bearer token was sent (none is needed) and is not valid.",
                    "403", "api_key is missing, unknown or revoked.",
                    "404", "No such resource, or a jurisdiction_id this endpoint does not serve.",
                    "413", "The form is larger than 64 KiB.",
                    "415", "The body is not application/x-www-form-urlencoded UTF-8.");

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getComponents().addSchemas(ERRORS, errorsSchema());
        openApi.getPaths()
                .forEach(
                        (path, item) -> {
                            if (path.startsWith(ROOT)) {
                                item.readOperationsMap()
                                        .forEach(
                                                (method, operation) ->
                                                        describe(path, method, operation));
                            }
                        });
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation) {
        String media =
                Open311Format.ofPath(path).contentType.getType().equals("text")
                        ? "text/xml"
                        : "application/json";
        int extension = path.lastIndexOf('.');
        String resource = path.substring(ROOT.length(), extension > 0 ? extension : path.length());
        boolean post = method == PathItem.HttpMethod.POST;
        operation.setSecurity(List.of());
        operation.setParameters(new ArrayList<>(pathParameters(operation)));
        operation.addParametersItem(
                query(
                        "jurisdiction_id",
                        "Optional: this endpoint serves one jurisdiction, hertfordshire.gov.uk."));
        ApiResponses responses = new ApiResponses();
        Documented documented = documented(resource, post);
        operation.summary(documented.summary());
        documented.parameters().forEach(operation::addParametersItem);
        if (post) {
            operation.requestBody(form(documented.fields(), documented.required()));
        }
        responses.addApiResponse(
                documented.status(),
                new ApiResponse()
                        .description(documented.answer())
                        .content(content(media, documented.body())));
        if (resource.equals("servicerequestupdates") && post) {
            responses.addApiResponse(
                    "200",
                    new ApiResponse()
                            .description(
                                    "This update_id was sent before: nothing new is recorded, and"
                                            + " the first answer's update_id is given again.")
                            .content(content(media, documented.body())));
        }
        List<String> errors = new ArrayList<>(List.of("401", "404"));
        if (post || !documented.parameters().isEmpty()) {
            errors.add("400");
        }
        if (post) {
            errors.addAll(List.of("403", "413", "415"));
        }
        for (String status : new TreeSet<>(errors)) {
            Schema<?> schema = new Schema<>().$ref("#/components/schemas/" + ERRORS);
            responses.addApiResponse(
                    status,
                    new ApiResponse()
                            .description(ERROR_MEANINGS.get(status))
                            .content(
                                    new Content()
                                            .addMediaType(media, new MediaType().schema(schema))));
        }
        operation.setResponses(responses);
    }

    /** What one operation takes and answers. */
    private record Documented(
            String summary,
            String status,
            String answer,
            Schema<?> body,
            List<Parameter> parameters,
            Map<String, String> fields,
            List<String> required) {

        static Documented read(String summary, String answer, Schema<?> body, Parameter... params) {
            return new Documented(
                    summary, "200", answer, body, List.of(params), Map.of(), List.of());
        }
    }

    private static Documented documented(String resource, boolean post) {
        if (resource.equals("services")) {
            return Documented.read(
                    "GeoReport v2 GET Service List",
                    "The services a civic app may report.",
                    list("services", "service", Open311Fields.SERVICE));
        }
        if (resource.startsWith("services/")) {
            return Documented.read(
                    "GeoReport v2 GET Service Definition",
                    "The questions the service asks (attribute[code] in POST requests).",
                    new ObjectSchema()
                            .addProperty("service_code", new StringSchema())
                            .addProperty("attributes", new ArraySchema().items(new ObjectSchema()))
                            .xml(new XML().name("service_definition")));
        }
        if (resource.equals("requests") && post) {
            return new Documented(
                    "GeoReport v2 POST Service Request",
                    "201",
                    "The request is stored: its service_request_id (never a token: it exists at"
                            + " once) and the service notice.",
                    list(
                            "service_requests",
                            "request",
                            List.of("service_request_id", "service_notice")),
                    List.of(),
                    Open311Fields.REQUEST_FORM,
                    List.of("api_key", "service_code"));
        }
        if (resource.equals("requests")) {
            return Documented.read(
                    "GeoReport v2 GET Service Requests",
                    "Requests the caller may see, newest first; anonymously, public-realm ones.",
                    list("service_requests", "request", Open311Fields.REQUEST),
                    query(
                            "service_request_id",
                            "Comma-delimited ids; overrides all other arguments."),
                    query("service_code", "Comma-delimited service codes."),
                    query("start_date", "W3C date-time with a timezone; requested_datetime from."),
                    query(
                            "end_date",
                            "W3C date-time with a timezone; at most 90 days after start_date."),
                    query("status", "open, closed, or both comma-delimited."),
                    query("page", "Paging extension: page number from 1."),
                    query("page_size", "Paging extension: 1 to 1000 (the default)."));
        }
        if (resource.startsWith("requests/")) {
            return Documented.read(
                    "GeoReport v2 GET Service Request",
                    "The request, if the caller may see it (else 404, as for none).",
                    list("service_requests", "request", Open311Fields.REQUEST));
        }
        if (resource.startsWith("tokens/")) {
            return Documented.read(
                    "GeoReport v2 GET service_request_id from a token",
                    "The request the token stands for.",
                    list("service_requests", "request", List.of("service_request_id", "token")));
        }
        if (post) {
            return new Documented(
                    "mySociety extension: POST Service Request Update",
                    "201",
                    "The citizen's update is recorded on a request this app sent; the answer is the"
                            + " stored update's id.",
                    list("service_request_updates", "request_update", List.of("update_id")),
                    List.of(),
                    Open311Fields.UPDATE_FORM,
                    List.of(
                            "api_key",
                            "service_request_id",
                            "update_id",
                            "status",
                            "updated_datetime"));
        }
        return Documented.read(
                "mySociety extension: GET Service Request Updates",
                "Public updates on requests the caller may see, newest first, with the extension's"
                        + " status and the case's own as external_status_code.",
                list("service_request_updates", "request_update", Open311Fields.UPDATE),
                query("start_date", "W3C date-time with a timezone."),
                query(
                        "end_date",
                        "W3C date-time with a timezone; at most 90 days after start_date."),
                query("page", "Paging extension: page number from 1."),
                query("page_size", "Paging extension: 1 to 1000 (the default)."),
                query("api_key", "Accepted (FixMyStreet sends it) and not needed."));
    }

    private static List<Parameter> pathParameters(Operation operation) {
        if (operation.getParameters() == null) {
            return List.of();
        }
        return operation.getParameters().stream().filter(p -> "path".equals(p.getIn())).toList();
    }

    private static Parameter query(String name, String description) {
        return new Parameter()
                .in("query")
                .name(name)
                .required(false)
                .description(description)
                .schema(new StringSchema());
    }

    private static Content content(String media, Schema<?> body) {
        return new Content().addMediaType(media, new MediaType().schema(body));
    }

    private static RequestBody form(Map<String, String> fields, List<String> required) {
        ObjectSchema schema = new ObjectSchema();
        new TreeSet<>(fields.keySet())
                .forEach(
                        name ->
                                schema.addProperty(
                                        name, new StringSchema().description(fields.get(name))));
        schema.required(required);
        schema.additionalProperties(
                new StringSchema()
                        .description(
                                "attribute[code] (or attribute[code][] for a multivaluelist):"
                                        + " answers to the service's questions; any other field"
                                        + " name is refused with 400."));
        return new RequestBody()
                .required(true)
                .content(new Content().addMediaType(FORM, new MediaType().schema(schema)));
    }

    /** JSON: an array of objects; XML: the root element around one element per item. */
    private static Schema<?> list(String root, String item, List<String> fields) {
        ObjectSchema object = new ObjectSchema();
        fields.forEach(field -> object.addProperty(field, new StringSchema()));
        object.xml(new XML().name(item));
        return new ArraySchema().items(object).xml(new XML().name(root).wrapped(true));
    }

    private static Schema<?> errorsSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("code", new IntegerSchema().description("The HTTP status."));
        error.addProperty("description", new StringSchema());
        error.xml(new XML().name("error"));
        return new ArraySchema()
                .items(error)
                .xml(new XML().name("errors").wrapped(true))
                .description(
                        "GeoReport v2 errors: <errors><error><code/><description/></error></errors>"
                                + " in XML, [{\"code\":…,\"description\":…}] in JSON.");
    }
}
