package uk.gov.hertfordshire.platform.local.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayTest {

    @Test
    void readsTheCaseIdOfAnAcceptedSubmission() {
        String body =
                "{\"id\":\"3f1c2b7e-8d4a-4e6b-9c1d-2a5f7e9b0c31\",\"serviceCode\":\"pothole\","
                        + "\"status\":\"submitted\"}";
        assertThat(Gateway.caseId(body)).isEqualTo("3f1c2b7e-8d4a-4e6b-9c1d-2a5f7e9b0c31");
        assertThat(Gateway.caseId("{\"type\":\"about:blank\",\"status\":503}")).isNull();
    }

    @Test
    void readsEveryRowOfAPageOfCountedContacts() {
        String page =
                "[{\"caseId\":\"00000000-0000-0000-0000-000000000001\",\"channel\":\"phone\",\"timesCounted\":1},"
                        + "{\"caseId\":\"00000000-0000-0000-0000-000000000002\",\"channel\":\"web\",\"timesCounted\":2}]";
        assertThat(Gateway.parseCounted(page))
                .containsExactly(
                        java.util.Map.entry("00000000-0000-0000-0000-000000000001", 1),
                        java.util.Map.entry("00000000-0000-0000-0000-000000000002", 2));
        assertThat(Gateway.parseCounted("[]")).isEmpty();
    }
}
