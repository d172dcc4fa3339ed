package uk.gov.hertfordshire.sap.connection;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * S/4HANA commitments through the purchase order OData v2 API {@code API_PURCHASEORDER_PROCESS_SRV}
 * (communication scenario SAP_COM_0053): a deep insert on {@code A_PurchaseOrder} with one item and
 * its account assignment, and read-back on {@code A_PurchaseOrderItem}.
 *
 * <p>An OData write: SAP Gateway refuses it without the CSRF token a {@code GET} with {@code
 * X-CSRF-Token: Fetch} hands out, together with the session cookie that came with it, so each write
 * fetches both first. The 36-character source event id goes in the item's {@code
 * PurchaseOrderItemText} (TXZ01, 40 characters); the header's references ({@code
 * CorrespncExternalReference}, 12) are too short.
 */
final class S4PurchaseOrderClient {

    static final String SERVICE = "/sap/opu/odata/sap/API_PURCHASEORDER_PROCESS_SRV/";
    private static final String PURCHASE_ORDER_TYPE = "NB";
    private static final String COST_CENTRE_ASSIGNMENT = "K";
    private static final String WEEK = "WK";
    private static final int PAGE = 1000;

    private final RestClient http;
    private final String purchasingOrganization;
    private final String purchasingGroup;
    private final JsonMapper json = JsonMapper.builder().build();

    S4PurchaseOrderClient(RestClient http, String purchasingOrganization, String purchasingGroup) {
        this.http = http;
        this.purchasingOrganization = purchasingOrganization;
        this.purchasingGroup = purchasingGroup;
    }

    /**
     * Creates the purchase order: SAP's number, or its refusal.
     *
     * @throws SapOutcomeUnknownException when SAP may have created it
     * @throws SapUnavailableException when SAP did not take the order in (no token, no connection,
     *     refused before processing)
     */
    PostingOutcome create(Commitment commitment) {
        Csrf csrf = fetchToken();
        try {
            return http.post()
                    .uri(SERVICE + "A_PurchaseOrder")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .header("X-CSRF-Token", csrf.token())
                    .header(HttpHeaders.COOKIE, csrf.cookies())
                    .body(json.writeValueAsString(body(commitment)))
                    .exchange(
                            (req, res) -> {
                                String text =
                                        new String(
                                                res.getBody().readAllBytes(),
                                                StandardCharsets.UTF_8);
                                int status = res.getStatusCode().value();
                                if (status == 201) {
                                    String number = createdNumber(text);
                                    if (number.isEmpty()) {
                                        throw new SapOutcomeUnknownException(
                                                "SAP created a purchase order without a number");
                                    }
                                    return new PostingOutcome.Posted(number, null);
                                }
                                if (status == 400) {
                                    return new PostingOutcome.Rejected(
                                            JournalEntryMessage.oneLine(odataMessage(text)));
                                }
                                throw SapOutcomeUnknownException.answered(
                                        status, "the purchase order");
                            });
        } catch (RestClientException unanswered) {
            throw SapOutcomeUnknownException.unanswered("the purchase order", unanswered);
        }
    }

    /** The number in SAP's answer to a created order; empty if the answer cannot be read. */
    private String createdNumber(String body) {
        try {
            return json.readTree(body).path("d").path("PurchaseOrder").asString("");
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    /** The purchase orders whose item carries the reference. */
    List<String> withReference(String reference) {
        String body;
        try {
            body =
                    http.get()
                            .uri(
                                    uri ->
                                            uri.path(SERVICE + "A_PurchaseOrderItem")
                                                    .queryParam("$filter", "{filter}")
                                                    .queryParam(
                                                            "$select",
                                                            "PurchaseOrder,PurchaseOrderItem")
                                                    .queryParam("$format", "json")
                                                    .build(
                                                            Map.of(
                                                                    "filter",
                                                                    "PurchaseOrderItemText eq '"
                                                                            + reference.replace(
                                                                                    "'", "''")
                                                                            + "'")))
                            .accept(MediaType.APPLICATION_JSON)
                            .exchange(
                                    (req, res) -> {
                                        String text =
                                                new String(
                                                        res.getBody().readAllBytes(),
                                                        StandardCharsets.UTF_8);
                                        if (res.getStatusCode().value() != 200) {
                                            throw new SapUnavailableException(
                                                    "SAP answered "
                                                            + res.getStatusCode().value()
                                                            + " to the purchase order item query");
                                        }
                                        return text;
                                    });
        } catch (RestClientException unanswered) {
            throw new SapUnavailableException(
                    "SAP did not answer the purchase order item query", unanswered);
        }
        List<String> orders = new ArrayList<>();
        for (JsonNode item : json.readTree(body).path("d").path("results")) {
            String number = item.path("PurchaseOrder").asString();
            if (!orders.contains(number)) {
                orders.add(number);
            }
        }
        return orders;
    }

    /**
     * The purchase orders of a company code with a {@code PurchaseOrderDate} in the range, their
     * items expanded inline, a page at a time.
     */
    List<CommittedOrder> dated(String companyCode, LocalDate from, LocalDate to) {
        String filter =
                "CompanyCode eq '"
                        + companyCode.replace("'", "''")
                        + "' and PurchaseOrderDate ge datetime'"
                        + from
                        + "T00:00:00' and PurchaseOrderDate le datetime'"
                        + to
                        + "T00:00:00'";
        List<CommittedOrder> found = new ArrayList<>();
        for (int skip = 0; ; skip += PAGE) {
            int offset = skip;
            String body;
            try {
                body =
                        http.get()
                                .uri(
                                        uri ->
                                                uri.path(SERVICE + "A_PurchaseOrder")
                                                        .queryParam("$filter", "{filter}")
                                                        .queryParam(
                                                                "$expand", "to_PurchaseOrderItem")
                                                        .queryParam("$top", PAGE)
                                                        .queryParam("$skip", offset)
                                                        .queryParam("$format", "json")
                                                        .build(Map.of("filter", filter)))
                                .accept(MediaType.APPLICATION_JSON)
                                .exchange(
                                        (req, res) -> {
                                            String text =
                                                    new String(
                                                            res.getBody().readAllBytes(),
                                                            StandardCharsets.UTF_8);
                                            if (res.getStatusCode().value() != 200) {
                                                throw new SapUnavailableException(
                                                        "SAP answered "
                                                                + res.getStatusCode().value()
                                                                + " to the purchase order query");
                                            }
                                            return text;
                                        });
            } catch (RestClientException unanswered) {
                throw new SapUnavailableException(
                        "SAP did not answer the purchase order query", unanswered);
            }
            JsonNode orders = json.readTree(body).path("d").path("results");
            for (JsonNode order : orders) {
                for (JsonNode item : order.path("to_PurchaseOrderItem").path("results")) {
                    BigDecimal value =
                            new BigDecimal(item.path("OrderQuantity").asString("0"))
                                    .multiply(
                                            new BigDecimal(
                                                    item.path("NetPriceAmount").asString("0")));
                    found.add(
                            new CommittedOrder(
                                    order.path("PurchaseOrder").asString(),
                                    item.path("PurchaseOrderItemText").asString(""),
                                    value.movePointRight(2).longValueExact()));
                }
            }
            if (orders.size() < PAGE) {
                return found;
            }
        }
    }

    private Map<String, Object> body(Commitment c) {
        Map<String, Object> assignment = new LinkedHashMap<>();
        assignment.put("AccountAssignmentNumber", "1");
        assignment.put("GLAccount", c.glAccount());
        assignment.put("CostCenter", c.costCentre());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("PurchaseOrderItem", "10");
        item.put("PurchaseOrderItemText", c.reference());
        item.put("AccountAssignmentCategory", COST_CENTRE_ASSIGNMENT);
        item.put("OrderQuantity", Long.toString(c.weeks()));
        item.put("PurchaseOrderQuantityUnit", WEEK);
        item.put("NetPriceAmount", BigDecimal.valueOf(c.weeklyPence(), 2).toPlainString());
        item.put("NetPriceQuantity", "1");
        item.put("DocumentCurrency", c.currency());
        item.put("to_AccountAssignment", Map.of("results", List.of(assignment)));
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("CompanyCode", c.companyCode());
        order.put("PurchaseOrderType", PURCHASE_ORDER_TYPE);
        order.put("Supplier", c.supplier());
        order.put("PurchasingOrganization", purchasingOrganization);
        order.put("PurchasingGroup", purchasingGroup);
        order.put("DocumentCurrency", c.currency());
        order.put("PurchaseOrderDate", date(c.validFrom()));
        order.put("ValidityStartDate", date(c.validFrom()));
        order.put("ValidityEndDate", date(c.validTo()));
        order.put("to_PurchaseOrderItem", Map.of("results", List.of(item)));
        return order;
    }

    /** SAP Gateway's CSRF token and the session cookies it belongs to. */
    private record Csrf(String token, String cookies) {}

    private Csrf fetchToken() {
        try {
            return http.get()
                    .uri(SERVICE)
                    .header("X-CSRF-Token", "Fetch")
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange(
                            (req, res) -> {
                                String token = res.getHeaders().getFirst("X-CSRF-Token");
                                List<String> setCookies =
                                        res.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE);
                                if (res.getStatusCode().value() != 200
                                        || token == null
                                        || setCookies.isEmpty()) {
                                    throw new SapUnavailableException(
                                            "SAP answered "
                                                    + res.getStatusCode().value()
                                                    + " without a CSRF token to the token fetch");
                                }
                                List<String> cookies = new ArrayList<>();
                                setCookies.forEach(c -> cookies.add(c.split(";", 2)[0]));
                                return new Csrf(token, String.join("; ", cookies));
                            });
        } catch (RestClientException unanswered) {
            throw new SapUnavailableException(
                    "SAP did not answer the CSRF token fetch", unanswered);
        }
    }

    /** OData v2's {@code /Date(<ms>)/} for a date: midnight UTC, as SAP writes Edm.DateTime. */
    private static String date(LocalDate date) {
        return "/Date(" + date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + ")/";
    }

    private String odataMessage(String body) {
        try {
            String message =
                    json.readTree(body).path("error").path("message").path("value").asString("");
            return message.isEmpty() ? "SAP refused the purchase order" : message;
        } catch (RuntimeException notJson) {
            return "SAP refused the purchase order";
        }
    }
}
