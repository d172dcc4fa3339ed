package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The simulator's own controls at {@code /admin} (not part of SAP's interface): faults, forced
 * rejections, closed periods, the ledger (to plant a missing or duplicated document) and HR
 * changes.
 */
final class AdminApi implements HttpHandler {

    static final String PATH = "/admin/";
    private static final Pattern DOCUMENT =
            Pattern.compile("ledger/documents/([0-9]{10})(/duplicate)?");
    private static final Pattern PERIOD =
            Pattern.compile("periods/([0-9]{4}-[0-9]{2})/(open|close)");
    private static final Pattern EMPLOYEE = Pattern.compile("employees/([0-9]{8})");
    private static final Pattern DEPARTMENT = Pattern.compile("departments/([A-Z0-9-]{1,32})");

    private final SapSimulator simulator;

    AdminApi(SapSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PATH.length());
        String method = exchange.getRequestMethod();
        try {
            route(exchange, path, method);
        } catch (JacksonException | IllegalArgumentException bad) {
            Http.json(exchange, 400, Map.of("error", String.valueOf(bad.getMessage())));
        }
    }

    private void route(HttpExchange exchange, String path, String method) throws IOException {
        Matcher m;
        if (path.equals("faults") && method.equals("PUT")) {
            JsonNode body = Http.JSON.readTree(Http.body(exchange));
            Faults.Mode mode =
                    Faults.Mode.valueOf(
                            body.path("mode")
                                    .asString("")
                                    .toUpperCase(Locale.ROOT)
                                    .replace('-', '_'));
            simulator.faults().set(mode, Duration.ofMillis(body.path("delayMs").asLong(0)));
            Http.json(exchange, 200, faults());
        } else if (path.equals("faults") && method.equals("GET")) {
            Http.json(exchange, 200, faults());
        } else if (path.equals("rejections") && method.equals("POST")) {
            JsonNode body = Http.JSON.readTree(Http.body(exchange));
            simulator
                    .faults()
                    .rejectNext(
                            body.path("count").asInt(1),
                            body.path("message").asString("Posting refused by the simulator"));
            Http.json(exchange, 200, Map.of("rejectNext", body.path("count").asInt(1)));
        } else if ((m = PERIOD.matcher(path)).matches() && method.equals("POST")) {
            if (m.group(2).equals("close")) {
                simulator.journalEntries().closePeriod(m.group(1));
            } else {
                simulator.journalEntries().openPeriod(m.group(1));
            }
            Http.json(exchange, 200, Map.of("period", m.group(1), "state", m.group(2)));
        } else if (path.equals("ledger") && method.equals("GET")) {
            List<Map<String, Object>> documents =
                    simulator.ledger().documents().stream()
                            .map(
                                    d ->
                                            Map.<String, Object>of(
                                                    "accountingDocument", d.accountingDocument(),
                                                    "companyCode", d.companyCode(),
                                                    "fiscalYear", d.fiscalYear(),
                                                    "reference",
                                                            String.valueOf(
                                                                    d.items()
                                                                            .get(0)
                                                                            .documentItemText()),
                                                    "postingDate",
                                                            d.items()
                                                                    .get(0)
                                                                    .postingDate()
                                                                    .toString(),
                                                    "amount",
                                                            d.items()
                                                                    .get(0)
                                                                    .amount()
                                                                    .abs()
                                                                    .toString()))
                            .toList();
            Http.json(exchange, 200, Map.of("documents", documents));
        } else if ((m = DOCUMENT.matcher(path)).matches()) {
            boolean done =
                    m.group(2) != null && method.equals("POST")
                            ? simulator.ledger().duplicate(m.group(1)).isPresent()
                            : method.equals("DELETE") && simulator.ledger().remove(m.group(1));
            Http.json(exchange, done ? 200 : 404, Map.of("accountingDocument", m.group(1)));
        } else if ((m = EMPLOYEE.matcher(path)).matches() && method.equals("PATCH")) {
            JsonNode body = Http.JSON.readTree(Http.body(exchange));
            List<String> roles =
                    body.has("roles")
                            ? body.get("roles").valueStream().map(JsonNode::asString).toList()
                            : null;
            Organisation.Employee changed =
                    simulator
                            .organisation()
                            .change(
                                    m.group(1),
                                    body.has("department")
                                            ? body.get("department").asString()
                                            : null,
                                    roles,
                                    body.has("active") ? body.get("active").asBoolean() : null);
            Http.json(
                    exchange,
                    200,
                    Map.of(
                            "userId", changed.userId(),
                            "department", changed.department(),
                            "roles", changed.roles(),
                            "active", changed.active()));
        } else if ((m = DEPARTMENT.matcher(path)).matches() && method.equals("PATCH")) {
            JsonNode body = Http.JSON.readTree(Http.body(exchange));
            if (!body.path("active").isBoolean()) {
                throw new IllegalArgumentException("Send {\"active\": true|false}");
            }
            Organisation.Department changed =
                    simulator
                            .organisation()
                            .changeDepartment(m.group(1), body.get("active").asBoolean());
            Http.json(
                    exchange,
                    200,
                    Map.of("externalCode", changed.code(), "active", changed.active()));
        } else {
            Http.json(exchange, 404, Map.of("error", "No admin resource " + method + " " + path));
        }
    }

    private Map<String, Object> faults() {
        return Map.of(
                "mode", simulator.faults().mode().name().toLowerCase(Locale.ROOT),
                "delayMs", simulator.faults().delay().toMillis());
    }
}
