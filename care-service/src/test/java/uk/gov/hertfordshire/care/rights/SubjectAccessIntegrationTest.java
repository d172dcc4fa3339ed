package uk.gov.hertfordshire.care.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.care.CareHttp;
import uk.gov.hertfordshire.care.CareIntegrationTest;

/** The export holds every referral of the person asked about, complete, and nobody else's. */
@CareIntegrationTest
class SubjectAccessIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;

    @Test
    void theExportHoldsEachReferralOfThePersonWithItsDecisionAndAccessesAndNoOtherPersons()
            throws Exception {
        CareHttp http = new CareHttp(port);
        String nhsNumber = "1000000060"; // a person no other test refers
        UUID first = record(http, nhsNumber, "Quentin", "First concern.");
        UUID second = record(http, nhsNumber, "Quentin", "Second concern.");
        UUID someoneElse = record(http, "9434765919", "Other", "Not theirs.");
        String decision =
                "{\"outcome\":\"advice_signposting\",\"reason\":\"Signposted to Age UK.\"}";
        http.post("/api/care/referrals/" + first + "/proposal", CareHttp.practitioner(), decision);

        var response =
                http.post(
                        "/api/care/subject-access",
                        CareHttp.careManager(),
                        "{\"nhsNumber\":\"" + nhsNumber + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode export = JSON.readTree(response.body());
        List<String> ids = new ArrayList<>();
        export.get("referrals").forEach(held -> ids.add(held.get("referral").get("id").asString()));
        assertThat(ids).containsExactly(first.toString(), second.toString());
        assertThat(response.body())
                .contains("First concern.", "Second concern.", "Signposted to Age UK.", "Quentin")
                .doesNotContain("Not theirs.", someoneElse.toString());
        JsonNode firstHeld = export.get("referrals").get(0);
        assertThat(
                        firstHeld
                                .get("referral")
                                .get("details")
                                .get("person")
                                .get("nhsNumber")
                                .asString())
                .isEqualTo(nhsNumber);
        List<String> actions = new ArrayList<>();
        firstHeld.get("accesses").forEach(entry -> actions.add(entry.get("action").asString()));
        assertThat(actions).contains("referral.create", "decision.propose");
        assertThat(
                        http.post(
                                        "/api/care/subject-access",
                                        CareHttp.practitioner(),
                                        "{\"nhsNumber\":\"" + nhsNumber + "\"}")
                                .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aNamesakeWithAnotherNhsNumberIsLeftOutAndOneWithoutAnNhsNumberIsIn() throws Exception {
        CareHttp http = new CareHttp(port);
        String family = "Namesake-" + UUID.randomUUID().toString().substring(0, 8);
        String nhsNumber = "9434765013"; // valid check digits; no other test refers these two
        UUID theirs = record(http, nhsNumber, family, "Their own concern.");
        UUID namesakes = record(http, "9434765021", family, "A namesake's concern.");
        UUID unnumbered = record(http, null, family, "Recorded without a number.");

        var response =
                http.post(
                        "/api/care/subject-access",
                        CareHttp.careManager(),
                        """
                        {"nhsNumber": "%s", "familyName": "%s", "givenName": "%s",
                         "birthDate": "%s"}
                        """
                                .formatted(nhsNumber, family, CareHttp.GIVEN, CareHttp.BIRTH_DATE));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body())
                .get("referrals")
                .forEach(held -> ids.add(held.get("referral").get("id").asString()));
        // The same name and birthday, one thing apart: an NHS number of their own, or none.
        assertThat(ids).containsExactly(theirs.toString(), unnumbered.toString());
        assertThat(ids).doesNotContain(namesakes.toString());
        assertThat(response.body()).doesNotContain("A namesake's concern.", "9434765021");
    }

    private static UUID record(CareHttp http, String nhsNumber, String family, String concerns)
            throws Exception {
        String json =
                CareHttp.adultReferralJson()
                        .replace(
                                "\"nhsNumber\": \"" + CareHttp.NHS_NUMBER + "\", ",
                                nhsNumber == null ? "" : "\"nhsNumber\": \"" + nhsNumber + "\", ")
                        .replace(CareHttp.FAMILY, family)
                        .replace(CareHttp.CONCERNS, concerns);
        var response = http.post("/api/care/referrals", CareHttp.agent(), json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(response.body()).get("id").asString());
    }
}
