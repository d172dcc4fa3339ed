package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SuccessFactors Employee Central's OData v2 API at {@code /odata/v2}: {@code User} (staff, with
 * {@code department} as the team, {@code custom01} the platform roles space-separated, {@code
 * custom02} the cost centre, {@code status} {@code t} active or {@code f} inactive) and {@code
 * FODepartment} (teams), both filterable on {@code lastModifiedDateTime} for delta reads. As
 * SuccessFactors does, a {@code User} query whose {@code $filter} does not name {@code status}
 * returns active users only (SAP KBA 2736579): a client reading leavers asks for {@code status in
 * 't','f'}. A filter naming {@code status} anywhere, even in one branch of an {@code or}, drops the
 * implicit condition for the whole query (SAP KBA 3575859), so a client combining {@code or} with
 * {@code status} keeps its own status condition {@code and}-ed outside the {@code or}.
 */
final class EmployeeCentral implements HttpHandler {

    static final String PATH = "/odata/v2/";

    private final SimulatorSettings settings;
    private final Organisation organisation;
    private final Faults faults;

    EmployeeCentral(SimulatorSettings settings, Organisation organisation, Faults faults) {
        this.settings = settings;
        this.organisation = organisation;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!Http.authorised(exchange, settings.user(), settings.password())) {
            Http.unauthorised(exchange);
            return;
        }
        if (!SimulatorGate.enter(faults, exchange)) {
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "Method not allowed");
            return;
        }
        String entitySet = exchange.getRequestURI().getPath().substring(PATH.length());
        switch (entitySet) {
            case "User" ->
                    ODataV2.query(
                            exchange,
                            organisation.employeesChangedAfter(null),
                            EmployeeCentral::user,
                            employee -> json(user(employee), "SFOData.User"),
                            Map.of("status", List.of("t", "T")));
            case "FODepartment" ->
                    ODataV2.query(
                            exchange,
                            organisation.departmentsChangedAfter(null),
                            EmployeeCentral::department,
                            department -> json(department(department), "SFOData.FODepartment"));
            default -> error(exchange, 404, "Entity set " + entitySet + " does not exist");
        }
    }

    private static Map<String, Object> user(Organisation.Employee e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("userId", e.userId());
        p.put("firstName", e.firstName());
        p.put("lastName", e.lastName());
        p.put("email", e.email());
        p.put("department", e.department());
        p.put("custom01", String.join(" ", e.roles()));
        p.put("custom02", e.costCenter());
        p.put("status", e.active() ? "t" : "f");
        p.put("lastModifiedDateTime", e.changedAt());
        return p;
    }

    private static Map<String, Object> department(Organisation.Department d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("externalCode", d.code());
        p.put("name", d.name());
        p.put("description", d.directorate());
        p.put("parent", d.parent());
        p.put("costCenter", d.costCenter());
        p.put("status", d.active() ? "A" : "I");
        p.put("lastModifiedDateTime", d.changedAt());
        return p;
    }

    private static Map<String, Object> json(Map<String, Object> properties, String type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("__metadata", Map.of("type", type));
        properties.forEach(
                (name, value) ->
                        json.put(
                                name,
                                value instanceof java.time.Instant instant
                                        ? ODataV2.dateTimeOffset(instant)
                                        : value));
        return json;
    }

    private static void error(HttpExchange exchange, int status, String message)
            throws IOException {
        Http.json(
                exchange,
                status,
                Map.of(
                        "error",
                        Map.of(
                                "code",
                                "COE_GENERAL_BAD_REQUEST",
                                "message",
                                Map.of("lang", "en-US", "value", message))));
    }
}
