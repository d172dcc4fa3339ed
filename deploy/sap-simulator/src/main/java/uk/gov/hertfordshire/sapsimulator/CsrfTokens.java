package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SAP Gateway's CSRF rule for OData services: a {@code GET} with {@code X-CSRF-Token: Fetch} hands
 * out a token and a session cookie; a modifying request must send both back, or it is refused 403
 * with {@code X-CSRF-Token: Required}.
 */
final class CsrfTokens {

    private static final String SESSION_COOKIE = "SAP_SESSIONID_S4H_100";

    /** Session id → CSRF token handed out with it. */
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** On a read: hands out a token and its session when the caller asks to fetch one. */
    void handOutIfAsked(HttpExchange exchange) {
        if ("Fetch".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-CSRF-Token"))) {
            String session = UUID.randomUUID().toString().replace("-", "");
            String token = UUID.randomUUID().toString();
            tokens.put(session, token);
            exchange.getResponseHeaders().set("X-CSRF-Token", token);
            exchange.getResponseHeaders()
                    .add("Set-Cookie", SESSION_COOKIE + "=" + session + "; path=/; HttpOnly");
        }
    }

    /** On a write: false (having answered 403) unless it carries a token and its session. */
    boolean admit(HttpExchange exchange) throws IOException {
        if (valid(exchange)) {
            return true;
        }
        exchange.getResponseHeaders().set("X-CSRF-Token", "Required");
        Http.send(exchange, 403, "text/plain", "CSRF token validation failed");
        return false;
    }

    private boolean valid(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst("X-CSRF-Token");
        List<String> cookies = exchange.getRequestHeaders().get("Cookie");
        if (token == null || cookies == null) {
            return false;
        }
        for (String header : cookies) {
            for (String cookie : header.split(";\\s*")) {
                if (cookie.startsWith(SESSION_COOKIE + "=")) {
                    String session = cookie.substring(SESSION_COOKIE.length() + 1);
                    return token.equals(tokens.get(session));
                }
            }
        }
        return false;
    }
}
