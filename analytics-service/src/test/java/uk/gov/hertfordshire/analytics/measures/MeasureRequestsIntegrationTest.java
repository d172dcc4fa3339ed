package uk.gov.hertfordshire.analytics.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.hertfordshire.analytics.support.AnalyticsClient.ANALYST;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.analytics.support.AnalyticsClient;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/** A bad question is a 400 problem that says what is wrong, beside the good one that answers. */
@PlatformIntegrationTest
class MeasureRequestsIntegrationTest {

    @LocalServerPort int port;

    private AnalyticsClient client;

    @BeforeEach
    void connect() {
        client = new AnalyticsClient(port);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "granularity=year|granularity=month|granularity must be day, week or month, not 'year'",
                "from=2026-02-01|from=2026-02-01&to=2026-02-02|Give both 'from' and 'to', or neither",
                "from=2026-02-03&to=2026-02-02|from=2026-02-02&to=2026-02-03|'to' must not be before 'from'",
                "from=2020-01-01&to=2026-01-01|from=2023-01-01&to=2026-01-01|may cover at most 1099 days",
                "baselineFrom=2026-01-01|baselineFrom=2026-01-01&baselineTo=2026-01-07|Give both 'baselineFrom' and 'baselineTo', or neither",
                "service=%3Cscript%3E|service=pothole|service must be a service code"
            })
    void aBadParameterIsA400ProblemBesideTheGoodOne(String bad, String good, String detail) {
        HttpResponse<String> refused = client.get("/api/analytics/channel-shift?" + bad, ANALYST);
        HttpResponse<String> answered = client.get("/api/analytics/channel-shift?" + good, ANALYST);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body()).contains(detail).doesNotContain("Exception");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    }
}
