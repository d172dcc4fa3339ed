package uk.gov.hertfordshire.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Prometheus scrapes the identity provider like every other component; nothing else opens. */
class PrometheusEndpointTest extends RunningProvider {

    @Test
    void prometheusScrapesTokenRequestsAsALatencyHistogramWithoutAToken() {
        IdentityProviderClient idp = client();
        idp.discovery("staff");

        HttpResponse<String> scrape = idp.get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("# HELP http_server_requests_seconds ")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*le=\"0.25\"");
    }

    @Test
    void otherActuatorEndpointsStayClosed() {
        assertThat(client().get("/actuator/env").statusCode()).isNotEqualTo(200);
    }
}
