package uk.gov.hertfordshire.care.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** Proposes as a practitioner and decides as a care manager, through the staff API. */
record DecisionHttp(int port) {

    HttpResponse<String> propose(String id, String outcome, String reason) throws Exception {
        return post(
                id + "/proposal",
                TestIssuer.shared().staff("practitioner-grace", "PRACTITIONER").staffId("00010005"),
                outcome,
                reason);
    }

    HttpResponse<String> decide(String id, String outcome, String reason) throws Exception {
        return post(
                id + "/decision",
                TestIssuer.shared().staff("caremanager-heidi", "CARE_MANAGER").staffId("00010006"),
                outcome,
                reason);
    }

    private HttpResponse<String> post(
            String path, TestIssuer.TokenBuilder token, String outcome, String reason)
            throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + port
                                                                + "/api/care/referrals/"
                                                                + path))
                                        .header("Authorization", token.bearer())
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"outcome\":\""
                                                                + outcome
                                                                + "\",\"reason\":\""
                                                                + reason
                                                                + "\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }
}
