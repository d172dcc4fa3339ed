package uk.gov.hertfordshire.cases.fees;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * GOV.UK Pay, when the council's API key is configured ({@code
 * platform.cases.payments.govuk-pay.api-key}, with {@code return-url}: where the citizen comes back
 * to, {@code {caseId}} standing for the case). Without one there is no provider and a fee payment
 * answers 503: a fee is never recorded on the citizen's word alone.
 */
@Configuration(proxyBeanMethods = false)
class FeesConfiguration {

    @Bean
    @ConditionalOnProperty("platform.cases.payments.govuk-pay.api-key")
    PaymentProvider govUkPay(
            @Value(
                            "${platform.cases.payments.govuk-pay.base-url:"
                                    + "https://publicapi.payments.service.gov.uk}")
                    String baseUrl,
            @Value("${platform.cases.payments.govuk-pay.api-key}") String apiKey,
            @Value("${platform.cases.payments.govuk-pay.timeout:PT5S}") Duration timeout,
            @Value("${platform.cases.payments.govuk-pay.return-url}") String returnUrl) {
        return new GovUkPay(baseUrl, apiKey, timeout, returnUrl);
    }
}
