package uk.gov.hertfordshire.gateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;

/** Each gateway refusal on /fhir/ names the FHIR IssueType a FHIR client expects. */
class OperationOutcomeTest {

    @ParameterizedTest
    @CsvSource({
        "401, login",
        "403, forbidden",
        "413, too-costly",
        "429, throttled",
        "503, transient",
        "504, timeout"
    })
    void eachRefusalHasItsIssueType(int status, String code) {
        Map<String, Object> outcome =
                GatewayErrors.operationOutcome(HttpStatus.valueOf(status), "why");

        assertThat(outcome).containsEntry("resourceType", "OperationOutcome");
        assertThat(outcome.get("issue"))
                .isEqualTo(
                        List.of(Map.of("severity", "error", "code", code, "diagnostics", "why")));
    }
}
