package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The little the handlers share: answering, reading queries and checking basic credentials. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Http() {}

    static void send(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsString(body));
    }

    static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The query's parameters, decoded; a repeated name keeps its last value. */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /** Whether the request carries these basic credentials. */
    static boolean authorised(HttpExchange exchange, String user, String password) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    /** SAP's web dispatcher's answer to a missing or wrong logon. */
    static void unauthorised(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"SAP NetWeaver\"");
        send(exchange, 401, "text/html; charset=utf-8", "<html><body>Logon failed</body></html>");
    }

    /** SAP's web dispatcher's answer while the system is down for maintenance. */
    static void down(HttpExchange exchange) throws IOException {
        send(
                exchange,
                503,
                "text/html; charset=utf-8",
                "<html><head><title>Service cannot be reached</title></head><body><h2>503"
                        + " Service Unavailable</h2><p>No server is available to handle this"
                        + " request.</p></body></html>");
    }
}
