package uk.gov.hertfordshire.cases.fees;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * GOV.UK Pay's public API with the service's API key as a bearer token: {@code POST /v1/payments}
 * (amount, reference, description, return_url, with an {@code Idempotency-Key}) answers the
 * payment's {@code payment_id} and {@code _links.next_url}; {@code GET /v1/payments/{paymentId}} is
 * read for {@code amount} (pence), {@code state.status} and {@code reference}.
 */
class GovUkPay implements PaymentProvider {

    /** GOV.UK Pay payment ids are lower-case letters and digits (e.g. 26 characters). */
    private static final Logger LOG = LoggerFactory.getLogger(GovUkPay.class);

    private static final Pattern PAYMENT_ID = Pattern.compile("[a-z0-9]{10,64}");

    private final RestClient client;
    private final String returnUrl;

    /**
     * @param returnUrl where GOV.UK Pay sends the citizen back to, with {@code {caseId}} standing
     *     for the case
     */
    GovUkPay(String baseUrl, String apiKey, Duration timeout, String returnUrl) {
        if (!returnUrl.contains("{caseId}")
                || !(returnUrl.startsWith("https://") || returnUrl.startsWith("http://"))) {
            throw new IllegalArgumentException(
                    "platform.cases.payments.govuk-pay.return-url must be an http(s) URL"
                            + " containing {caseId}, not '"
                            + returnUrl
                            + "'");
        }
        this.returnUrl = returnUrl;
        JdkClientHttpRequestFactory requests =
                new JdkClientHttpRequestFactory(
                        HttpClient.newBuilder().connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        this.client =
                RestClient.builder()
                        .baseUrl(baseUrl)
                        .requestFactory(requests)
                        .defaultHeader("Authorization", "Bearer " + apiKey)
                        .defaultHeader("Accept", "application/json")
                        .build();
    }

    @Override
    public String code() {
        return "govuk-pay";
    }

    @Override
    public NewPayment create(
            long amountPence, String reference, String description, String idempotencyKey) {
        Map<String, Object> body =
                Map.of(
                        "amount", amountPence,
                        "reference", reference,
                        "description", description,
                        "return_url", returnUrl.replace("{caseId}", reference),
                        "language", "en");
        try {
            return client.post()
                    .uri("/v1/payments")
                    .header("Idempotency-Key", idempotencyKey)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange(
                            (request, response) -> {
                                HttpStatusCode status = response.getStatusCode();
                                if (!status.is2xxSuccessful()) {
                                    // GOV.UK Pay's code and description say why; they are for us,
                                    // not the citizen, so they go to the log only.
                                    LOG.warn(
                                            "GOV.UK Pay refused to create a payment: {} {}",
                                            status.value(),
                                            response.bodyTo(String.class));
                                    throw new PaymentProviderUnavailableException(
                                            "The payment provider could not start the payment;"
                                                    + " nothing was taken, try again later.",
                                            null);
                                }
                                JsonNode created = response.bodyTo(JsonNode.class);
                                return new NewPayment(
                                        created.path("payment_id").asString(),
                                        created.path("amount").asLong(),
                                        created.path("_links")
                                                .path("next_url")
                                                .path("href")
                                                .asString());
                            });
        } catch (RestClientException unreachable) {
            throw new PaymentProviderUnavailableException(
                    "The payment provider cannot be reached; nothing was taken, try again later.",
                    unreachable);
        }
    }

    @Override
    public Optional<ProviderPayment> find(String paymentId) {
        if (!PAYMENT_ID.matcher(paymentId).matches()) {
            return Optional.empty();
        }
        try {
            return client.get()
                    .uri("/v1/payments/{paymentId}", paymentId)
                    .exchange(
                            (request, response) -> {
                                HttpStatusCode status = response.getStatusCode();
                                if (status.value() == 404) {
                                    return Optional.empty();
                                }
                                if (!status.is2xxSuccessful()) {
                                    throw new PaymentProviderUnavailableException(
                                            "The payment provider answered "
                                                    + status.value()
                                                    + "; nothing was recorded, try again later.",
                                            null);
                                }
                                JsonNode body = response.bodyTo(JsonNode.class);
                                return Optional.of(
                                        new ProviderPayment(
                                                body.path("payment_id").asString(),
                                                body.path("amount").asLong(),
                                                body.path("state").path("status").asString(),
                                                body.path("reference").asString()));
                            });
        } catch (RestClientException unreachable) {
            throw new PaymentProviderUnavailableException(
                    "The payment provider cannot be reached; nothing was recorded, try again"
                            + " later.",
                    unreachable);
        }
    }
}
