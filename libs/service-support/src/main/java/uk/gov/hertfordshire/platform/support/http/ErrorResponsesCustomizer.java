package uk.gov.hertfordshire.platform.support.http;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;
import uk.gov.hertfordshire.platform.support.security.PublicEndpoints;

/**
 * Makes every operation in a service's OpenAPI document say how it fails, as the library answers:
 * RFC 9457 problem details ({@code application/problem+json}, schema {@code Problem}) for 400 where
 * the caller sends something, 404 where the path names a record, and 401/403 where a token is
 * needed; an operation open without a token ({@link PublicEndpoints}) says so with an empty
 * security requirement, and 401 only for a bad token sent anyway. Responses a controller documents
 * itself are left as they are, and springdoc's catch-all {@code *}{@code /*} media type becomes
 * {@code application/json}.
 */
final class ErrorResponsesCustomizer implements GlobalOpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String OPEN311 = "/open311/";

    private final List<PublicEndpoints> open;

    ErrorResponsesCustomizer(List<PublicEndpoints> open) {
        this.open = List.copyOf(open);
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach(
                        (path, item) ->
                                item.readOperationsMap()
                                        .forEach(
                                                (method, operation) ->
                                                        describe(path, method, operation)));
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            responses = new ApiResponses();
            operation.setResponses(responses);
        }
        responses.values().forEach(ErrorResponsesCustomizer::withoutCatchAll);
        if (path.startsWith(OPEN311)) {
            // Open311 answers errors in its own format, not as problem details: only its security
            // is stated here; the service documents the rest.
            if (isPublic(path, method)) {
                operation.setSecurity(List.of());
            }
            return;
        }
        boolean sendsSomething =
                operation.getRequestBody() != null
                        || (operation.getParameters() != null
                                && !operation.getParameters().isEmpty());
        if (sendsSomething) {
            problem(
                    responses,
                    "400",
                    "The request is malformed or a field is invalid; the problem names it.");
        }
        if (path.contains("{")) {
            problem(responses, "404", "No such record, or not one the caller may see.");
        }
        if (isPublic(path, method)) {
            operation.setSecurity(List.of());
            problem(responses, "401", "A bearer token was sent (none is needed) and is not valid.");
        } else {
            problem(responses, "401", "No bearer token, or one that is not valid.");
            problem(responses, "403", "The caller's roles do not allow this.");
        }
    }

    private boolean isPublic(String path, PathItem.HttpMethod method) {
        PathContainer container = PathContainer.parsePath(path);
        return open.stream()
                .filter(endpoints -> endpoints.method().equals(HttpMethod.valueOf(method.name())))
                .flatMap(endpoints -> endpoints.patterns().stream())
                .anyMatch(
                        pattern ->
                                PathPatternParser.defaultInstance
                                        .parse(pattern)
                                        .matches(container));
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        Schema<?> problem = new Schema<>().$ref("#/components/schemas/" + PROBLEM);
        Content content = new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problem));
        responses.addApiResponse(
                status, new ApiResponse().description(description).content(content));
    }

    private static void withoutCatchAll(ApiResponse response) {
        Content content = response.getContent();
        if (content != null && content.containsKey("*/*")) {
            content.addMediaType("application/json", content.remove("*/*"));
        }
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details; never a stack trace or internal names.")
                .properties(
                        Map.of(
                                "type", new StringSchema().format("uri"),
                                "title", new StringSchema(),
                                "status", new IntegerSchema(),
                                "detail", new StringSchema(),
                                "instance", new StringSchema().format("uri-reference")));
    }
}
