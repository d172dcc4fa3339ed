package uk.gov.hertfordshire.gateway.errors;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an error the gateway produces in the format the caller expects: Open311's error list (XML,
 * or JSON for a {@code .json} request) on {@code /open311/}, a FHIR {@code OperationOutcome} on
 * {@code /fhir/}, problem details elsewhere.
 */
public final class GatewayErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ORIGINAL_PATH = GatewayErrors.class.getName() + ".originalPath";

    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private GatewayErrors() {}

    /** A FHIR R4 OperationOutcome with one error issue, its code from FHIR's IssueType list. */
    static Map<String, Object> operationOutcome(HttpStatus status, String detail) {
        String code = switch (status.value()) { // by number: 413 has two names in HttpStatus
                    case 401 -> "login";
                    case 403 -> "forbidden";
                    case 413 -> "too-costly";
                    case 429 -> "throttled";
                    case 504 -> "timeout";
                    case 502, 503 -> "transient";
                    default -> "processing";
                };
        Map<String, Object> issue = new LinkedHashMap<>();
        issue.put("severity", "error");
        issue.put("code", code);
        issue.put("diagnostics", detail);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("resourceType", "OperationOutcome");
        outcome.put("issue", List.of(issue));
        return outcome;
    }

    /** The path the caller asked for, even when the request was forwarded to a fallback. */
    static String originalPath(ServerWebExchange exchange) {
        String original = exchange.getAttribute(ORIGINAL_PATH);
        return original != null ? original : exchange.getRequest().getPath().value();
    }

    /** Remembers the caller's path before any forward, for errors produced after it. */
    public static void rememberOriginalPath(ServerWebExchange exchange) {
        exchange.getAttributes()
                .putIfAbsent(ORIGINAL_PATH, exchange.getRequest().getPath().value());
    }

    public static Mono<Void> write(
            ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String path = originalPath(exchange);
        response.setStatusCode(status);
        byte[] body;
        if (path.startsWith("/open311/")) {
            if (path.endsWith(".json")) {
                response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
                body =
                        JSON.writeValueAsBytes(
                                List.of(Map.of("code", status.value(), "description", detail)));
            } else {
                response.getHeaders().setContentType(MediaType.APPLICATION_XML);
                body =
                        ("<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>"
                                        + status.value()
                                        + "</code><description>"
                                        + HtmlUtils.htmlEscape(detail)
                                        + "</description></error></errors>")
                                .getBytes(StandardCharsets.UTF_8);
            }
        } else if (path.startsWith("/fhir/")) {
            response.getHeaders().setContentType(FHIR_JSON);
            body = JSON.writeValueAsBytes(operationOutcome(status, detail));
        } else {
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            body =
                    JSON.writeValueAsBytes(
                            Map.of(
                                    "type", "about:blank",
                                    "title", title,
                                    "status", status.value(),
                                    "detail", detail,
                                    "instance", path));
        }
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
