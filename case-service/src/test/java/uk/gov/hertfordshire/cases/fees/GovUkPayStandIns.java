package uk.gov.hertfordshire.cases.fees;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import uk.gov.hertfordshire.platform.govukpay.GovUkPayStandIn;

/** The GOV.UK Pay stand-in (deploy/govuk-pay-stand-in) for these tests, and the settings for it. */
final class GovUkPayStandIns {

    /** Where GOV.UK Pay sends the citizen back to in these tests. */
    static final String RETURN_URL = "https://www.hertfordshire.gov.uk/apply/{caseId}/paid";

    private GovUkPayStandIns() {}

    static GovUkPayStandIn start() {
        try {
            return GovUkPayStandIn.startOnFreePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void configure(DynamicPropertyRegistry properties, GovUkPayStandIn pay) {
        properties.add("platform.cases.payments.govuk-pay.base-url", pay::baseUrl);
        properties.add(
                "platform.cases.payments.govuk-pay.api-key", () -> GovUkPayStandIn.DEFAULT_API_KEY);
        properties.add("platform.cases.payments.govuk-pay.return-url", () -> RETURN_URL);
    }
}
