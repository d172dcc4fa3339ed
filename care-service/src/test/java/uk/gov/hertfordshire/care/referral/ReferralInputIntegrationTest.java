package uk.gov.hertfordshire.care.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.care.CareHttp;
import uk.gov.hertfordshire.care.CareIntegrationTest;

/**
 * Bad input to the staff API is a problem naming the field (422 for a broken rule), never a 500.
 */
@CareIntegrationTest
class ReferralInputIntegrationTest {

    @LocalServerPort int port;

    @Test
    void aMissingRiskIndicatorIsA422NamingItBesideTheSameReferralWithOne() throws Exception {
        String withNull =
                CareHttp.adultReferralJson()
                        .replace(
                                "\"riskIndicators\": [\"self_neglect\"]",
                                "\"riskIndicators\": [null]");
        assertThat(withNull).contains("[null]");

        HttpResponse<String> refused =
                new CareHttp(port).post("/api/care/referrals", CareHttp.agent(), withNull);
        HttpResponse<String> accepted =
                new CareHttp(port)
                        .post(
                                "/api/care/referrals",
                                CareHttp.agent(),
                                CareHttp.adultReferralJson());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("riskIndicators").doesNotContain("Exception");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    }
}
