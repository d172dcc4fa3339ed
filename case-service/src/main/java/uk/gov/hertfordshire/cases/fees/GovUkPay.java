package uk.gov.hertfordshire.cases.fees;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * GOV.UK Pay's public API: {@code GET /v1/payments/{paymentId}} with the service's API key as a
 * bearer token. Reads {@code amount} (pence), {@code state.status} and {@code reference}.
 */
class GovUkPay implements PaymentProvider {

    /** GOV.UK Pay payment ids are lower-case letters and digits (e.g. 26 characters). */
    private static final Pattern PAYMENT_ID = Pattern.compile("[a-z0-9]{10,64}");

    private final RestClient client;

    GovUkPay(String baseUrl, String apiKey, Duration timeout) {
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
