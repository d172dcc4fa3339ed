package uk.gov.hertfordshire.care;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** The staff JSON API, as staff tools call it. */
public record CareHttp(int port) {

    public static final String FAMILY = "Okonkwo-Barrington";
    public static final String GIVEN = "Ptolemy";
    public static final String BIRTH_DATE = "1941-07-09";
    public static final String NHS_NUMBER = "4010232137";
    public static final String POSTCODE = "AL1 3JE";
    public static final String CONCERNS = "His neighbour says he has not eaten for days.";

    public static String agent() {
        return TestIssuer.shared().staff("agent-carol", "AGENT").staffId("00010001").bearer();
    }

    public static String practitioner() {
        return TestIssuer.shared()
                .staff("practitioner-grace", "PRACTITIONER")
                .staffId("00010005")
                .bearer();
    }

    public static String careManager() {
        return TestIssuer.shared()
                .staff("caremanager-heidi", "CARE_MANAGER")
                .staffId("00010006")
                .bearer();
    }

    public static String admin() {
        return TestIssuer.shared().staff("admin-judy", "ADMIN").staffId("00010008").bearer();
    }

    /** An adult safeguarding referral a neighbour phoned in; returns its id. */
    public UUID recordAdultReferral() throws Exception {
        HttpResponse<String> response = post("/api/care/referrals", agent(), adultReferralJson());
        if (response.statusCode() != 201) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        int at = response.body().indexOf("\"id\":\"") + 6;
        return UUID.fromString(response.body().substring(at, at + 36));
    }

    public static String adultReferralJson() {
        return """
                {"source": "public", "category": "adult_safeguarding", "priority": "urgent",
                 "person": {"givenName": "%s", "familyName": "%s", "birthDate": "%s",
                            "nhsNumber": "%s", "address": "4 Verulam Road, St Albans",
                            "postcode": "%s"},
                 "referrerName": "Mrs Hyacinth Wendover", "concerns": "%s",
                 "riskIndicators": ["self_neglect"], "consent": "given",
                 "article6": "6(1)(e)", "article9": "9(2)(h)"}
                """
                .formatted(GIVEN, FAMILY, BIRTH_DATE, NHS_NUMBER, POSTCODE, CONCERNS);
    }

    /** A GET, anonymous when {@code bearer} is null. */
    public HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String bearer, String json) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", bearer)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
