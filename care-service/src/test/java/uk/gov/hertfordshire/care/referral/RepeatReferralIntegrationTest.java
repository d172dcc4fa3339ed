package uk.gov.hertfordshire.care.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.care.CareHttp;
import uk.gov.hertfordshire.care.CareIntegrationTest;

/**
 * A second referral of the same person within 12 months, found by NHS number or by name and date of
 * birth, is linked to the first and flagged to the practitioner who triages it; another person, or
 * the same one after 12 months, is not. Each test refers people no other test uses.
 */
@CareIntegrationTest
class RepeatReferralIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void theSameNhsNumberWithinTwelveMonthsIsLinkedAndFlagged() throws Exception {
        String nhsNumber = newNhsNumber();
        UUID first = record(unique("Alderney"), "Wilhelmina", "1950-02-11", nhsNumber);
        UUID second = record(unique("Alderney-Smythe"), "Mina", "1950-02-11", nhsNumber);
        UUID someoneElse = record(unique("Alderney"), "Wilhelmina", "1950-02-11", newNhsNumber());

        JsonNode seen = triage(second);
        assertThat(seen.get("repeatReferral").asBoolean()).isTrue();
        assertThat(seen.get("repeatOf").asString()).isEqualTo(first.toString());
        assertThat(triage(first).get("repeatReferral").asBoolean()).isFalse();
        assertThat(triage(someoneElse).get("repeatReferral").asBoolean()).isFalse();
    }

    @Test
    void theSameNameAndDateOfBirthWithoutAnNhsNumberIsLinked() throws Exception {
        String family = unique("Quennell");
        UUID first = record(family, "Barnaby", "2015-06-30", null);
        UUID second = record(family, "Barnaby", "2015-06-30", null);
        UUID anotherBirthday = record(family, "Barnaby", "2015-07-01", null);

        assertThat(triage(second).get("repeatOf").asString()).isEqualTo(first.toString());
        assertThat(triage(anotherBirthday).get("repeatReferral").asBoolean()).isFalse();
    }

    @Test
    void theSameNameAndDateOfBirthWithAnotherNhsNumberIsAnotherPerson() throws Exception {
        String family = unique("Tremayne");
        String firstsNumber = newNhsNumber();
        String namesakesNumber = newNhsNumber();
        while (namesakesNumber.equals(firstsNumber)) {
            namesakesNumber = newNhsNumber();
        }
        record(family, "Morwenna", "1948-04-17", firstsNumber);
        UUID namesake = record(family, "Morwenna", "1948-04-17", namesakesNumber);
        UUID withoutNhsNumber = record(family, "Morwenna", "1948-04-17", null);
        UUID againWithFirstsNumber = record(family, "Morwenna", "1948-04-17", firstsNumber);

        assertThat(triage(namesake).get("repeatReferral").asBoolean()).isFalse();
        // Controls, one thing changed each: no NHS number on one side, or the same one.
        assertThat(repeatOf(withoutNhsNumber)).isEqualTo(namesake);
        assertThat(repeatOf(againWithFirstsNumber)).isEqualTo(withoutNhsNumber);
    }

    @Test
    void aReferralMoreThanTwelveMonthsOldIsNotLinked() throws Exception {
        String nhsNumber = newNhsNumber();
        String family = unique("Penhaligon");
        UUID old = record(family, "Ottilie", "1962-09-03", nhsNumber);
        jdbc.sql("UPDATE referral SET received_at = now() - interval '13 months' WHERE id = :id")
                .param("id", old)
                .update();

        UUID afterAYear = record(family, "Ottilie", "1962-09-03", nhsNumber);
        UUID withinAYear = record(family, "Ottilie", "1962-09-03", nhsNumber);

        assertThat(repeatOf(afterAYear)).isNull();
        assertThat(repeatOf(withinAYear)).isEqualTo(afterAYear);
    }

    private UUID record(String family, String given, String birthDate, String nhsNumber)
            throws Exception {
        String json =
                """
                {"source": "relative", "category": "adult_social_care_assessment",
                 "person": {"givenName": "%s", "familyName": "%s", "birthDate": "%s"%s,
                            "address": "9 Fore Street, Hertford", "postcode": "SG14 1AA"},
                 "referrerName": "A neighbour", "concerns": "Struggling at home.",
                 "consent": "given", "article6": "6(1)(e)", "article9": "9(2)(h)"}
                """
                        .formatted(
                                given,
                                family,
                                birthDate,
                                nhsNumber == null ? "" : ", \"nhsNumber\": \"" + nhsNumber + "\"");
        HttpResponse<String> response =
                new CareHttp(port).post("/api/care/referrals", CareHttp.agent(), json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(response.body()).get("id").asString());
    }

    private JsonNode triage(UUID id) throws Exception {
        HttpResponse<String> read =
                new CareHttp(port).get("/api/care/referrals/" + id, CareHttp.practitioner());
        assertThat(read.statusCode()).isEqualTo(200);
        return JSON.readTree(read.body());
    }

    private UUID repeatOf(UUID id) {
        return jdbc.sql("SELECT repeat_of FROM referral WHERE id = :id")
                .param("id", id)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    private static String unique(String family) {
        return family + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A random NHS number with a valid modulus 11 check digit, worked out here. */
    static String newNhsNumber() {
        while (true) {
            StringBuilder digits = new StringBuilder();
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                int digit = ThreadLocalRandom.current().nextInt(i == 0 ? 1 : 0, 10);
                digits.append(digit);
                sum += digit * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            return digits.append(check == 11 ? 0 : check).toString();
        }
    }
}
