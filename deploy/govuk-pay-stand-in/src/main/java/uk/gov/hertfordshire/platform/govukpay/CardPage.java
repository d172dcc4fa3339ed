package uk.gov.hertfordshire.platform.govukpay;

import static uk.gov.hertfordshire.platform.govukpay.Exchanges.html;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The paying user's pages, in GOV.UK Pay's order: {@code next_url} ({@code /secure/{token}}) opens
 * the payment once and gives the browser its session; {@code /card_details/{id}} takes the card; an
 * authorised card is confirmed on {@code /card_details/{id}/confirm}, after which the browser goes
 * to the service's {@code return_url}. A declined card, a provider error or a cancel end the
 * payment on a page whose link goes back to the service. Plain HTML forms, no script: every field
 * labelled, errors summarised at the top and linked to their fields.
 */
final class CardPage implements HttpHandler {

    static final String SESSION_COOKIE = "pay_session";

    private final Payments payments;
    private final Clock clock;

    CardPage(Payments payments, Clock clock) {
        this.payments = payments;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders()
                    .set(
                            "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            String[] parts = exchange.getRequestURI().getPath().split("/");
            String method = exchange.getRequestMethod();
            if (parts.length == 3 && parts[1].equals("secure") && method.equals("GET")) {
                open(exchange, parts[2]);
                return;
            }
            if (parts.length < 3 || !parts[1].equals("card_details")) {
                notFound(exchange);
                return;
            }
            String paymentId = parts[2];
            if (!payments.sessionMayUse(session(exchange), paymentId)) {
                notFound(exchange);
                return;
            }
            Payment payment = payments.find(paymentId).orElseThrow();
            String step = parts.length > 3 ? parts[3] : "";
            switch (step + " " + method) {
                case " GET" -> show(exchange, payment, Map.of(), Map.of());
                case " POST" -> submit(exchange, payment);
                case "confirm GET" -> confirmPage(exchange, payment);
                case "confirm POST" -> confirm(exchange, payment);
                case "cancel POST" -> cancel(exchange, payment);
                default -> notFound(exchange);
            }
        }
    }

    private void open(HttpExchange exchange, String token) throws IOException {
        Optional<Payment> opened = payments.redeem(token);
        if (opened.isEmpty()) {
            Pages.send(
                    exchange,
                    404,
                    "Your payment session has expired",
                    "<p>This link has already been used or is not a payment. Go back to the"
                            + " service and start the payment again.</p>");
            return;
        }
        Payment payment = opened.get();
        payments.update(
                payment.paymentId(),
                p -> p.state().status().equals("created") ? p.with(Payment.State.STARTED) : p);
        exchange.getResponseHeaders()
                .add(
                        "Set-Cookie",
                        SESSION_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Lax");
        Exchanges.redirect(exchange, "/card_details/" + payment.paymentId());
    }

    private void show(
            HttpExchange exchange,
            Payment payment,
            Map<String, String> entered,
            Map<String, String> errors)
            throws IOException {
        switch (payment.state().status()) {
            case "started", "created" ->
                    Pages.send(
                            exchange,
                            200,
                            errors.isEmpty() ? "Enter card details" : "Error: Enter card details",
                            Pages.cardForm(payment, entered, errors));
            case "submitted" -> Exchanges.redirect(exchange, confirmPath(payment));
            default ->
                    Pages.send(exchange, 200, Pages.outcomeTitle(payment), Pages.outcome(payment));
        }
    }

    private void submit(HttpExchange exchange, Payment payment) throws IOException {
        if (!payment.state().status().equals("started")) {
            show(exchange, payment, Map.of(), Map.of());
            return;
        }
        Map<String, String> form = Exchanges.form(Exchanges.body(exchange));
        Map<String, String> errors = check(form);
        String digits = form.getOrDefault("cardNo", "").replaceAll("[\\s-]", "");
        if (errors.isEmpty()) {
            switch (MockCards.outcome(digits)) {
                case TYPE_NOT_ACCEPTED ->
                        errors.put("cardNo", MockCards.brand(digits) + " is not supported");
                case NOT_A_TEST_CARD ->
                        errors.put(
                                "cardNo",
                                "This is a test account: use one of GOV.UK Pay's"
                                        + " mock card numbers, such as 4444333322221111");
                default -> {}
            }
        }
        if (!errors.isEmpty()) {
            show(exchange, payment, form, errors);
            return;
        }
        Payment.Card card =
                new Payment.Card(
                        digits.substring(0, 6),
                        digits.substring(digits.length() - 4),
                        form.get("cardholderName").strip(),
                        "%02d/%02d"
                                .formatted(
                                        Integer.parseInt(form.get("expiryMonth").strip()),
                                        fullYear(form.get("expiryYear")) % 100),
                        MockCards.brand(digits));
        Payment.State next =
                switch (MockCards.outcome(digits)) {
                    case AUTHORISED -> Payment.State.SUBMITTED;
                    case DECLINED -> Payment.State.DECLINED;
                    default -> Payment.State.PROVIDER_ERROR;
                };
        Payment updated =
                payments.update(
                                payment.paymentId(),
                                p -> p.state().status().equals("started") ? p.with(next, card) : p)
                        .orElseThrow();
        Exchanges.redirect(
                exchange,
                updated.state().status().equals("submitted")
                        ? confirmPath(updated)
                        : "/card_details/" + updated.paymentId());
    }

    /** The card form's own checks, each naming its field, before the card goes anywhere. */
    private Map<String, String> check(Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String digits = form.getOrDefault("cardNo", "").replaceAll("[\\s-]", "");
        if (digits.isEmpty()) {
            errors.put("cardNo", "Enter a card number");
        } else if (!MockCards.luhnValid(digits)) {
            errors.put("cardNo", "Enter a valid card number");
        }
        Integer month = number(form.get("expiryMonth"));
        Integer year = number(form.get("expiryYear"));
        if (month == null || year == null || month < 1 || month > 12) {
            errors.put("expiryMonth", "Enter a valid expiry date");
        } else if (YearMonth.of(fullYear(form.get("expiryYear")), month)
                .isBefore(YearMonth.now(clock))) {
            errors.put("expiryMonth", "Enter a valid expiry date");
        }
        String name = form.getOrDefault("cardholderName", "").strip();
        if (name.isEmpty() || name.length() > 255) {
            errors.put("cardholderName", "Enter the name as it appears on the card");
        }
        if (!form.getOrDefault("cvc", "").strip().matches("[0-9]{3,4}")) {
            errors.put("cvc", "Enter a valid card security code");
        }
        for (String[] required :
                new String[][] {
                    {"addressLine1", "Enter a building name or number, and street"},
                    {"addressCity", "Enter a town or city"},
                    {"addressPostcode", "Enter a valid postcode"}
                }) {
            String value = form.getOrDefault(required[0], "").strip();
            if (value.isEmpty() || value.length() > 255) {
                errors.put(required[0], required[1]);
            }
        }
        String email = form.getOrDefault("email", "").strip();
        if (!email.isEmpty()
                && (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            errors.put("email", "Enter a valid email address");
        }
        return errors;
    }

    private void confirmPage(HttpExchange exchange, Payment payment) throws IOException {
        if (!payment.state().status().equals("submitted")) {
            show(exchange, payment, Map.of(), Map.of());
            return;
        }
        Pages.send(exchange, 200, "Confirm your payment", Pages.confirmation(payment));
    }

    private void confirm(HttpExchange exchange, Payment payment) throws IOException {
        Payment updated =
                payments.update(
                                payment.paymentId(),
                                p ->
                                        p.state().status().equals("submitted")
                                                ? p.with(Payment.State.SUCCESS)
                                                : p)
                        .orElseThrow();
        if (updated.state().status().equals("success")) {
            Exchanges.redirect(exchange, updated.returnUrl());
        } else {
            show(exchange, updated, Map.of(), Map.of());
        }
    }

    private void cancel(HttpExchange exchange, Payment payment) throws IOException {
        Payment updated =
                payments.update(
                                payment.paymentId(),
                                p ->
                                        p.state().finished()
                                                ? p
                                                : p.with(Payment.State.CANCELLED_BY_USER))
                        .orElseThrow();
        show(exchange, updated, Map.of(), Map.of());
    }

    private static String confirmPath(Payment payment) {
        return "/card_details/" + payment.paymentId() + "/confirm";
    }

    private static String session(HttpExchange exchange) {
        for (String header :
                exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String cookie : header.split(";")) {
                String[] pair = cookie.strip().split("=", 2);
                if (pair.length == 2 && pair[0].equals(SESSION_COOKIE)) {
                    return pair[1];
                }
            }
        }
        return null;
    }

    private static Integer number(String value) {
        String v = value == null ? "" : value.strip();
        return v.matches("[0-9]{1,4}") ? Integer.valueOf(v) : null;
    }

    private static int fullYear(String value) {
        int year = Integer.parseInt(value.strip());
        return year < 100 ? 2000 + year : year;
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        Pages.send(
                exchange,
                404,
                "Page not found",
                "<p>"
                        + html(
                                "This page cannot be found. Go back to the service and start the"
                                        + " payment again.")
                        + "</p>");
    }
}
