package uk.gov.hertfordshire.platform.govukpay;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A paying user's browser on the card pages, with plain HTTP as a browser without script sends it:
 * it opens {@code next_url} (keeping the session cookie), posts the card form, and confirms if the
 * card was authorised. Redirects are followed by hand so that the last one, to the service's {@code
 * return_url}, is seen rather than fetched.
 */
public final class PayingUser {

    private final HttpClient browser =
            HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    /**
     * Where the journey ended.
     *
     * @param returnedTo the service's URL the browser was sent to, or null if it stayed on a page
     * @param page the last page's HTML (the outcome or the form with its errors)
     */
    public record Journey(String returnedTo, String page) {}

    /** Pays at {@code nextUrl} with the card number and otherwise valid details. */
    public Journey pay(String nextUrl, String cardNumber) throws IOException, InterruptedException {
        Map<String, String> card = new LinkedHashMap<>();
        card.put("cardNo", cardNumber);
        card.put("expiryMonth", "12");
        card.put("expiryYear", "35");
        card.put("cardholderName", "Alice Citizen");
        card.put("cvc", "123");
        card.put("addressLine1", "1 Pegs Lane");
        card.put("addressCity", "Hertford");
        card.put("addressPostcode", "SG13 8DE");
        return pay(nextUrl, card);
    }

    /** Pays at {@code nextUrl} with exactly these form fields. */
    public Journey pay(String nextUrl, Map<String, String> form)
            throws IOException, InterruptedException {
        URI start = URI.create(nextUrl);
        HttpResponse<String> opened = send(HttpRequest.newBuilder(start).GET());
        if (opened.statusCode() != 303) {
            return new Journey(null, opened.body());
        }
        URI cardPage = start.resolve(location(opened));
        HttpResponse<String> posted =
                send(
                        HttpRequest.newBuilder(cardPage)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
        if (posted.statusCode() != 303) {
            return new Journey(null, posted.body());
        }
        URI next = cardPage.resolve(location(posted));
        if (!next.getPath().endsWith("/confirm")) {
            return new Journey(null, send(HttpRequest.newBuilder(next).GET()).body());
        }
        HttpResponse<String> confirmed =
                send(HttpRequest.newBuilder(next).POST(HttpRequest.BodyPublishers.noBody()));
        return confirmed.statusCode() == 303
                ? new Journey(location(confirmed), "")
                : new Journey(null, confirmed.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return browser.send(
                request.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("A redirect without Location"));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(
                        e ->
                                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                        + "="
                                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
