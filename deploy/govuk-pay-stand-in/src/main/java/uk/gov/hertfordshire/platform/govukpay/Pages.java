package uk.gov.hertfordshire.platform.govukpay;

import static uk.gov.hertfordshire.platform.govukpay.Exchanges.html;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/** The card pages' HTML: one layout, the card form, the confirmation and the endings. */
final class Pages {

    private static final String STYLE =
            """
            body{font-family:Arial,sans-serif;margin:0;color:#0b0c0c;line-height:1.4}
            header{background:#0b0c0c;color:#fff;padding:10px 15px;font-weight:bold}
            .banner{background:#fff7bf;border-bottom:2px solid #ffdd00;padding:8px 15px}
            main{max-width:640px;padding:15px}
            label{display:block;font-weight:bold;margin-top:15px}
            input{font-size:1.1em;padding:5px;border:2px solid #0b0c0c;margin-top:5px}
            .error-summary{border:4px solid #d4351c;padding:15px}
            .error-message{color:#d4351c;font-weight:bold;display:block}
            button{font-size:1.1em;background:#00703c;color:#fff;border:0;padding:8px 12px;\
            margin-top:20px}
            button.secondary{background:#f3f2f1;color:#0b0c0c}
            :focus{outline:3px solid #ffdd00}
            .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;\
            clip:rect(0 0 0 0)}
            """;

    private Pages() {}

    static void send(HttpExchange exchange, int status, String title, String body)
            throws IOException {
        String page =
                """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>%s - GOV.UK Pay (local stand-in)</title><style>%s</style></head>
                <body><header>GOV.UK Pay</header>
                <p class="banner">Local stand-in for GOV.UK Pay: no money is taken. Use one of
                GOV.UK Pay's mock card numbers, such as 4444333322221111.</p>
                <main><h1>%s</h1>%s</main></body></html>
                """
                        .formatted(
                                html(title), STYLE, html(title.replaceFirst("^Error: ", "")), body);
        Exchanges.send(exchange, status, "text/html; charset=utf-8", page);
    }

    static String cardForm(
            Payment payment, Map<String, String> entered, Map<String, String> errors) {
        StringBuilder out = new StringBuilder();
        if (!errors.isEmpty()) {
            out.append("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\">")
                    .append("<h2>There is a problem</h2><ul>");
            errors.forEach(
                    (field, message) ->
                            out.append("<li><a href=\"#")
                                    .append(field)
                                    .append("\">")
                                    .append(html(message))
                                    .append("</a></li>"));
            out.append("</ul></div>");
        }
        out.append("<p>")
                .append(html(payment.description()))
                .append(": <strong>")
                .append(pounds(payment.amount()))
                .append("</strong></p>")
                .append("<form method=\"post\" action=\"/card_details/")
                .append(payment.paymentId())
                .append("\" novalidate>");
        field(out, "cardNo", "Card number", "cc-number", "numeric", entered, errors);
        field(out, "expiryMonth", "Expiry month (MM)", "cc-exp-month", "numeric", entered, errors);
        field(out, "expiryYear", "Expiry year (YY)", "cc-exp-year", "numeric", entered, errors);
        field(out, "cardholderName", "Name on card", "cc-name", "text", entered, errors);
        field(out, "cvc", "Card security code", "cc-csc", "numeric", Map.of(), errors);
        field(out, "addressLine1", "Building and street", "address-line1", "text", entered, errors);
        field(out, "addressCity", "Town or city", "address-level2", "text", entered, errors);
        field(out, "addressPostcode", "Postcode", "postal-code", "text", entered, errors);
        field(out, "email", "Email (optional)", "email", "email", entered, errors);
        out.append("<button type=\"submit\">Continue</button></form>");
        cancelButton(out, payment);
        return out.toString();
    }

    static String confirmation(Payment payment) {
        StringBuilder out =
                new StringBuilder()
                        .append("<dl><dt>Payment for</dt><dd>")
                        .append(html(payment.description()))
                        .append("</dd><dt>Total amount</dt><dd>")
                        .append(pounds(payment.amount()))
                        .append("</dd><dt>Card</dt><dd>")
                        .append(html(payment.card().brand()))
                        .append(" ending ")
                        .append(html(payment.card().lastDigits()))
                        .append("</dd><dt>Name on card</dt><dd>")
                        .append(html(payment.card().cardholderName()))
                        .append("</dd></dl><form method=\"post\" action=\"/card_details/")
                        .append(payment.paymentId())
                        .append("/confirm\">")
                        .append("<button type=\"submit\">Confirm payment</button></form>");
        cancelButton(out, payment);
        return out.toString();
    }

    static String outcomeTitle(Payment payment) {
        return switch (payment.state().status()) {
            case "success" -> "Your payment was successful";
            case "error" -> "We're experiencing technical problems";
            default ->
                    switch (String.valueOf(payment.state().code())) {
                        case "P0010" -> "Your payment has been declined";
                        case "P0020" -> "Your payment session has expired";
                        default -> "Your payment has been cancelled";
                    };
        };
    }

    static String outcome(Payment payment) {
        boolean paid = payment.state().status().equals("success");
        String text =
                paid
                        ? "You have paid " + pounds(payment.amount()) + "."
                        : "No money has been taken from your account.";
        String link = paid ? "Continue" : "Go back to try the payment again";
        return "<p>"
                + html(text)
                + "</p><p><a href=\""
                + html(payment.returnUrl())
                + "\">"
                + link
                + "</a></p>";
    }

    private static void cancelButton(StringBuilder out, Payment payment) {
        out.append("<form method=\"post\" action=\"/card_details/")
                .append(payment.paymentId())
                .append("/cancel\"><button type=\"submit\" class=\"secondary\">Cancel payment")
                .append("</button></form>");
    }

    private static void field(
            StringBuilder out,
            String name,
            String label,
            String autocomplete,
            String mode,
            Map<String, String> entered,
            Map<String, String> errors) {
        String error = errors.get(name);
        out.append("<label for=\"")
                .append(name)
                .append("\">")
                .append(html(label))
                .append("</label>");
        if (error != null) {
            out.append("<span class=\"error-message\" id=\"")
                    .append(name)
                    .append("-error\">")
                    .append("<span class=\"visually-hidden\">Error: </span>")
                    .append(html(error))
                    .append("</span>");
        }
        String type = mode.equals("email") ? "email" : "text";
        out.append("<input id=\"")
                .append(name)
                .append("\" name=\"")
                .append(name)
                .append("\" type=\"")
                .append(type)
                .append("\" autocomplete=\"")
                .append(autocomplete)
                .append("\"");
        if (mode.equals("numeric")) {
            out.append(" inputmode=\"numeric\"");
        }
        if (error != null) {
            out.append(" aria-invalid=\"true\" aria-describedby=\"")
                    .append(name)
                    .append("-error\"");
        }
        out.append(" value=\"").append(html(entered.getOrDefault(name, ""))).append("\">");
    }

    static String pounds(long pence) {
        return "£%d.%02d".formatted(pence / 100, pence % 100);
    }
}
