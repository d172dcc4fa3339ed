package uk.gov.hertfordshire.platform.govukpay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.BooleanSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * GOV.UK Pay's public API as far as a fee needs it: {@code POST /v1/payments} and {@code GET
 * /v1/payments/{paymentId}}, with the account's API key as a bearer token. Field names, limits,
 * status codes and the error body ({@code field}, {@code code}, {@code description}) follow GOV.UK
 * Pay's API reference; an {@code Idempotency-Key} repeated with the same request answers the first
 * payment again (200), with another request 409 P0191.
 */
final class PaymentsApi implements HttpHandler {

    static final String PATH = "/v1/payments";
    static final long MAX_AMOUNT = 10_000_000;

    private final Payments payments;
    private final String apiKey;
    private final String publicBaseUrl;
    private final BooleanSupplier failing;
    private final Runnable beforeAnswering;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param failing while true, the API answers GOV.UK Pay's 500 "Downstream system error"
     * @param beforeAnswering run before each request is answered (a slow provider, in tests)
     */
    PaymentsApi(
            Payments payments,
            String apiKey,
            String publicBaseUrl,
            BooleanSupplier failing,
            Runnable beforeAnswering) {
        this.payments = payments;
        this.apiKey = apiKey;
        this.publicBaseUrl = publicBaseUrl;
        this.failing = failing;
        this.beforeAnswering = beforeAnswering;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            beforeAnswering.run();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!("Bearer " + apiKey)
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                Exchanges.send(exchange, 401, null, "");
            } else if (path.equals(PATH) && method.equals("POST")) {
                create(exchange);
            } else if (path.startsWith(PATH + "/") && method.equals("GET")) {
                find(exchange, path.substring(PATH.length() + 1));
            } else {
                Exchanges.send(exchange, 404, null, "");
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        if (failing.getAsBoolean()) {
            error(exchange, 500, null, "P0198", "Downstream system error");
            return;
        }
        String body = Exchanges.body(exchange);
        JsonNode request;
        try {
            request = body == null ? null : json.readTree(body);
        } catch (JacksonException notJson) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            error(exchange, 400, null, "P0197", "Unable to parse JSON");
            return;
        }
        for (String required : new String[] {"amount", "reference", "description", "return_url"}) {
            if (!request.hasNonNull(required)) {
                error(exchange, 400, required, "P0101", "Missing mandatory attribute: " + required);
                return;
            }
        }
        JsonNode amount = request.get("amount");
        if (!amount.isIntegralNumber()
                || amount.longValue() < 1
                || amount.longValue() > MAX_AMOUNT) {
            invalid(exchange, "amount", "Must be a whole number from 1 to " + MAX_AMOUNT);
            return;
        }
        String reference = text(request, "reference");
        String description = text(request, "description");
        String returnUrl = text(request, "return_url");
        String language = request.hasNonNull("language") ? text(request, "language") : "en";
        String email = request.hasNonNull("email") ? text(request, "email") : null;
        if (reference == null || reference.isBlank() || reference.length() > 255) {
            invalid(exchange, "reference", "Must be less than or equal to 255 characters length");
        } else if (description == null || description.isBlank() || description.length() > 255) {
            invalid(exchange, "description", "Must be less than or equal to 255 characters length");
        } else if (returnUrl == null || returnUrl.length() > 2000 || !isWebUrl(returnUrl)) {
            invalid(exchange, "return_url", "Must be a valid URL format");
        } else if (language == null || !(language.equals("en") || language.equals("cy"))) {
            invalid(exchange, "language", "Must be \"en\" or \"cy\"");
        } else if (email != null && email.length() > 254) {
            invalid(exchange, "email", "Must be less than or equal to 254 characters length");
        } else {
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null && (key.isEmpty() || key.length() > 255)) {
                error(
                        exchange,
                        400,
                        null,
                        "P0102",
                        "Invalid attribute value: Idempotency-Key. Must be 1 to 255 characters");
                return;
            }
            Payments.Created created =
                    payments.create(
                            new Payments.Request(
                                    amount.longValue(),
                                    reference,
                                    description,
                                    returnUrl,
                                    language,
                                    email),
                            key);
            if (created.keyConflict()) {
                error(
                        exchange,
                        409,
                        null,
                        "P0191",
                        "The Idempotency-Key has already been used to create a payment");
                return;
            }
            sendPayment(exchange, created.isNew() ? 201 : 200, created.payment());
        }
    }

    private void find(HttpExchange exchange, String paymentId) throws IOException {
        if (failing.getAsBoolean()) {
            error(exchange, 500, null, "P0298", "Downstream system error");
            return;
        }
        var payment = payments.find(paymentId);
        if (payment.isEmpty()) {
            error(exchange, 404, null, "P0200", "Not found");
            return;
        }
        sendPayment(exchange, 200, payment.get());
    }

    private void sendPayment(HttpExchange exchange, int status, Payment payment)
            throws IOException {
        String self = publicBaseUrl + PATH + "/" + payment.paymentId();
        if (status == 201) {
            exchange.getResponseHeaders().set("Location", self);
        }
        Exchanges.send(
                exchange, status, "application/json", json.writeValueAsString(view(payment)));
    }

    /** A payment in GOV.UK Pay's JSON shape. */
    ObjectNode view(Payment payment) {
        ObjectNode out = json.createObjectNode();
        out.put("amount", payment.amount());
        out.put("description", payment.description());
        out.put("reference", payment.reference());
        out.put("language", payment.language());
        if (payment.email() != null) {
            out.put("email", payment.email());
        }
        ObjectNode state = out.putObject("state");
        state.put("status", payment.state().status());
        state.put("finished", payment.state().finished());
        if (payment.state().code() != null) {
            state.put("message", payment.state().message());
            state.put("code", payment.state().code());
        }
        out.put("payment_id", payment.paymentId());
        out.put("payment_provider", "sandbox");
        out.put("created_date", payment.createdDate().toString());
        if (payment.card() != null) {
            ObjectNode card = out.putObject("card_details");
            card.put("last_digits_card_number", payment.card().lastDigits());
            card.put("first_digits_card_number", payment.card().firstDigits());
            card.put("cardholder_name", payment.card().cardholderName());
            card.put("expiry_date", payment.card().expiryDate());
            card.put("card_brand", payment.card().brand());
            card.put("card_type", "credit");
        }
        out.put("delayed_capture", false);
        out.put("moto", false);
        out.put("return_url", payment.returnUrl());
        out.put("authorisation_mode", "web");
        String self = publicBaseUrl + PATH + "/" + payment.paymentId();
        ObjectNode links = out.putObject("_links");
        link(links, "self", self, "GET");
        if (!payment.state().finished()) {
            link(links, "next_url", publicBaseUrl + "/secure/" + payment.chargeToken(), "GET");
            ObjectNode post = link(links, "next_url_post", publicBaseUrl + "/secure", "POST");
            post.put("type", "application/x-www-form-urlencoded");
            post.putObject("params").put("chargeTokenId", payment.chargeToken());
        }
        link(links, "events", self + "/events", "GET");
        link(links, "refunds", self + "/refunds", "GET");
        return out;
    }

    private static ObjectNode link(ObjectNode links, String name, String href, String method) {
        ObjectNode link = links.putObject(name);
        link.put("href", href);
        link.put("method", method);
        return link;
    }

    private static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private void invalid(HttpExchange exchange, String field, String why) throws IOException {
        error(exchange, 422, field, "P0102", "Invalid attribute value: " + field + ". " + why);
    }

    private void error(HttpExchange exchange, int status, String field, String code, String text)
            throws IOException {
        ObjectNode body = json.createObjectNode();
        if (field != null) {
            body.put("field", field);
        }
        body.put("code", code);
        body.put("description", text);
        Exchanges.send(exchange, status, "application/json", json.writeValueAsString(body));
    }
}
