package uk.gov.hertfordshire.sapsimulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code API_PURCHASEORDER_PROCESS_SRV}, S/4HANA's purchase order OData v2 API: a deep insert on
 * {@code A_PurchaseOrder} (header, {@code to_PurchaseOrderItem}, each item's {@code
 * to_AccountAssignment}) creates a purchase order, and {@code A_PurchaseOrderItem} reads items
 * back. Writes are held to SAP Gateway's CSRF rule ({@link CsrfTokens}).
 */
final class PurchaseOrderApi implements HttpHandler {

    static final String PATH = "/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV/";
    private static final String ORDERS = "A_PurchaseOrder";
    private static final String ITEMS = "A_PurchaseOrderItem";
    private static final Pattern ODATA_DATE = Pattern.compile("/Date\\((-?[0-9]+)\\)/");
    private static final int ITEM_TEXT_LENGTH = 40;

    private final SimulatorSettings settings;
    private final PurchaseOrders orders;
    private final Faults faults;
    private final CsrfTokens csrf = new CsrfTokens();

    PurchaseOrderApi(SimulatorSettings settings, PurchaseOrders orders, Faults faults) {
        this.settings = settings;
        this.orders = orders;
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
        String method = exchange.getRequestMethod();
        String rest = exchange.getRequestURI().getPath().substring(PATH.length());
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            if (!csrf.admit(exchange)) {
                return;
            }
            if ("POST".equals(method) && rest.equals(ORDERS)) {
                create(exchange);
            } else {
                ODataV2.error(
                        exchange,
                        405,
                        "/IWBEP/CM_MGW_RT/021",
                        "Method '" + method + "' not allowed");
            }
            return;
        }
        csrf.handOutIfAsked(exchange);
        switch (rest) {
            case "", "$metadata" ->
                    Http.json(
                            exchange,
                            200,
                            Map.of("d", Map.of("EntitySets", List.of(ORDERS, ITEMS))));
            case ORDERS ->
                    ODataV2.query(
                            exchange,
                            orders.all(),
                            PurchaseOrderApi::header,
                            Http.query(exchange)
                                            .getOrDefault("$expand", "")
                                            .contains("to_PurchaseOrderItem")
                                    ? PurchaseOrderApi::expanded
                                    : PurchaseOrderApi::headerJson);
            case ITEMS ->
                    ODataV2.query(
                            exchange, orders.all(), PurchaseOrderApi::item, PurchaseOrderApi::json);
            default ->
                    ODataV2.error(
                            exchange,
                            404,
                            "/IWBEP/CM_MGW_RT/020",
                            "Resource not found for segment '" + rest + "'");
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode po;
        try {
            po = Http.JSON.readTree(Http.body(exchange));
        } catch (JacksonException malformed) {
            ODataV2.error(exchange, 400, "/IWBEP/CM_MGW_RT/001", "The request body is not JSON");
            return;
        }
        JsonNode item = po.path("to_PurchaseOrderItem").path("results").path(0);
        JsonNode assignment = item.path("to_AccountAssignment").path("results").path(0);
        String text = item.path("PurchaseOrderItemText").asString("");
        String missing =
                firstMissing(
                        po,
                        "CompanyCode",
                        "PurchaseOrderType",
                        "Supplier",
                        "PurchasingOrganization",
                        "PurchasingGroup",
                        "DocumentCurrency",
                        "ValidityStartDate",
                        "ValidityEndDate");
        if (missing == null) {
            missing =
                    firstMissing(
                            item,
                            "PurchaseOrderItemText",
                            "AccountAssignmentCategory",
                            "OrderQuantity",
                            "PurchaseOrderQuantityUnit",
                            "NetPriceAmount");
        }
        if (missing == null) {
            missing = firstMissing(assignment, "GLAccount", "CostCenter");
        }
        if (missing != null) {
            ODataV2.error(exchange, 400, "ME/083", "Enter a value in field " + missing);
            return;
        }
        if (text.length() > ITEM_TEXT_LENGTH) {
            ODataV2.error(
                    exchange, 400, "/IWBEP/CM_MGW_RT/004", "PurchaseOrderItemText is too long");
            return;
        }
        if (!"K".equals(item.path("AccountAssignmentCategory").asString())) {
            ODataV2.error(
                    exchange,
                    400,
                    "ME/045",
                    "Account assignment category K (cost centre) expected");
            return;
        }
        LocalDate ordered;
        LocalDate start;
        LocalDate end;
        BigDecimal quantity;
        BigDecimal price;
        try {
            // SAP dates an order the day it is created unless the caller gives a date.
            ordered =
                    po.path("PurchaseOrderDate").asString("").isEmpty()
                            ? LocalDate.now(ZoneOffset.UTC)
                            : date(po.path("PurchaseOrderDate").asString());
            start = date(po.path("ValidityStartDate").asString());
            end = date(po.path("ValidityEndDate").asString());
            quantity = new BigDecimal(item.path("OrderQuantity").asString());
            price = new BigDecimal(item.path("NetPriceAmount").asString());
        } catch (IllegalArgumentException malformed) {
            ODataV2.error(exchange, 400, "/IWBEP/CM_MGW_RT/004", malformed.getMessage());
            return;
        }
        if (!SimulatorGate.beforeCommit(faults, exchange)) {
            return;
        }
        PurchaseOrders.Order order =
                orders.create(
                        po.path("CompanyCode").asString(),
                        po.path("Supplier").asString(),
                        po.path("DocumentCurrency").asString(),
                        ordered,
                        start,
                        end,
                        text,
                        quantity,
                        price,
                        assignment.path("GLAccount").asString(),
                        assignment.path("CostCenter").asString());
        SimulatorGate.afterCommit(faults);
        Http.json(exchange, 201, Map.of("d", json(order)));
    }

    private static String firstMissing(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.path(field).asString("").isBlank()) {
                return field;
            }
        }
        return null;
    }

    private static LocalDate date(String value) {
        Matcher m = ODATA_DATE.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("Invalid Edm.DateTime value " + value);
        }
        return Instant.ofEpochMilli(Long.parseLong(m.group(1)))
                .atZone(ZoneOffset.UTC)
                .toLocalDate();
    }

    private static Map<String, Object> header(PurchaseOrders.Order order) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("PurchaseOrder", order.purchaseOrder());
        p.put("CompanyCode", order.companyCode());
        p.put("PurchaseOrderType", "NB");
        p.put("Supplier", order.supplier());
        p.put("DocumentCurrency", order.currency());
        p.put("PurchaseOrderDate", order.purchaseOrderDate());
        p.put("ValidityStartDate", order.validityStart());
        p.put("ValidityEndDate", order.validityEnd());
        return p;
    }

    private static Map<String, Object> item(PurchaseOrders.Order order) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("PurchaseOrder", order.purchaseOrder());
        p.put("PurchaseOrderItem", "10");
        p.put("CompanyCode", order.companyCode());
        p.put("PurchaseOrderItemText", order.itemText());
        p.put("AccountAssignmentCategory", "K");
        p.put("OrderQuantity", order.orderQuantity());
        p.put("PurchaseOrderQuantityUnit", "WK");
        p.put("NetPriceAmount", order.netPriceAmount());
        p.put("DocumentCurrency", order.currency());
        return p;
    }

    private static Map<String, Object> json(PurchaseOrders.Order order) {
        Map<String, Object> json = new LinkedHashMap<>();
        header(order).forEach((name, value) -> json.put(name, wire(value)));
        item(order).forEach((name, value) -> json.putIfAbsent(name, wire(value)));
        return json;
    }

    /** An order on its own; its items are a deferred navigation, as SAP answers without $expand. */
    private static Map<String, Object> headerJson(PurchaseOrders.Order order) {
        Map<String, Object> json = new LinkedHashMap<>();
        header(order).forEach((name, value) -> json.put(name, wire(value)));
        json.put(
                "to_PurchaseOrderItem",
                Map.of(
                        "__deferred",
                        Map.of(
                                "uri",
                                PATH
                                        + ORDERS
                                        + "('"
                                        + order.purchaseOrder()
                                        + "')/to_PurchaseOrderItem")));
        return json;
    }

    /** An order with {@code $expand=to_PurchaseOrderItem}: its items inline. */
    private static Map<String, Object> expanded(PurchaseOrders.Order order) {
        Map<String, Object> json = new LinkedHashMap<>();
        header(order).forEach((name, value) -> json.put(name, wire(value)));
        Map<String, Object> item = new LinkedHashMap<>();
        item(order).forEach((name, value) -> item.put(name, wire(value)));
        json.put("to_PurchaseOrderItem", Map.of("results", List.of(item)));
        return json;
    }

    private static String wire(Object value) {
        return value instanceof LocalDate date ? ODataV2.date(date) : String.valueOf(value);
    }
}
