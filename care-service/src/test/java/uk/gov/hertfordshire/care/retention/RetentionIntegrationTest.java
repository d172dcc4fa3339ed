package uk.gov.hertfordshire.care.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.care.CareHttp;
import uk.gov.hertfordshire.care.CareIntegrationTest;

/**
 * The retention rule with its default period (six years): a referral closed seven years ago is
 * listed by the dry run, which changes nothing, and anonymised by the run; one closed today, one
 * still open, and the codes and audit trail of the anonymised one stay as they were.
 */
@CareIntegrationTest
class RetentionIntegrationTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void theDryRunListsOnlyWhatIsPastThePeriodAndChangesNothing() throws Exception {
        CareHttp http = new CareHttp(port);
        UUID old = closedYearsAgo(http, 7);
        UUID recent = closedYearsAgo(http, 5);
        UUID open = http.recordAdultReferral();

        HttpResponse<String> dryRun = http.get("/api/care/retention", CareHttp.admin());

        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.body())
                .contains(old.toString(), "\"closedFor\":\"P6Y\"")
                .doesNotContain(recent.toString(), open.toString(), CareHttp.FAMILY);
        assertThat(sealed(old)).isTrue();
        assertThat(http.get("/api/care/retention", CareHttp.careManager()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theRunAnonymisesWhatIsPastThePeriodOnceAndKeepsItsCodesAndTrail() throws Exception {
        CareHttp http = new CareHttp(port);
        UUID old = closedYearsAgo(http, 7);
        UUID recent = closedYearsAgo(http, 5);
        UUID open = http.recordAdultReferral();
        long trailBefore = trail(old);

        HttpResponse<String> run = http.post("/api/care/retention/run", CareHttp.admin(), "");

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        assertThat(sealed(old)).isFalse();
        assertThat(sealed(recent)).isTrue();
        assertThat(sealed(open)).isTrue();
        assertThat(
                        jdbc.sql(
                                        "SELECT r.category || ' ' || r.status || ' ' ||"
                                                + " d.decided_outcome || ' ' || (r.anonymised_at"
                                                + " IS NOT NULL) || ' ' || (d.proposed_reason IS"
                                                + " NULL) || ' ' || (d.decided_reason IS NULL)"
                                                + " FROM referral r JOIN referral_decision d ON"
                                                + " d.referral_id = r.id WHERE r.id = :id")
                                .param("id", old)
                                .query(String.class)
                                .single())
                .isEqualTo("adult_safeguarding completed s42_enquiry true true true");
        assertThat(trail(old)).isEqualTo(trailBefore + 1);
        HttpResponse<String> read = http.get("/api/care/referrals/" + old, CareHttp.practitioner());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body())
                .contains("\"status\":\"completed\"")
                .doesNotContain(CareHttp.FAMILY);
        HttpResponse<String> export =
                http.post(
                        "/api/care/subject-access",
                        CareHttp.careManager(),
                        "{\"nhsNumber\":\"" + CareHttp.NHS_NUMBER + "\"}");
        // The later referral may still name the anonymised one as its repeat: an id, no more.
        assertThat(export.body())
                .contains("{\"referral\":{\"id\":\"" + recent)
                .doesNotContain("{\"referral\":{\"id\":\"" + old);

        long trailBeforeAgain = trail(old);
        HttpResponse<String> again = http.post("/api/care/retention/run", CareHttp.admin(), "");
        assertThat(again.body()).contains("\"anonymised\":0");
        assertThat(trail(old)).isEqualTo(trailBeforeAgain);
    }

    /** A referral decided and closed this many years ago (closure moved back by SQL). */
    private UUID closedYearsAgo(CareHttp http, int years) throws Exception {
        UUID id = http.recordAdultReferral();
        String decision = "{\"outcome\":\"s42_enquiry\",\"reason\":\"Enquiry opened.\"}";
        assertThat(
                        http.post(
                                        "/api/care/referrals/" + id + "/proposal",
                                        CareHttp.practitioner(),
                                        decision)
                                .statusCode())
                .isEqualTo(200);
        assertThat(
                        http.post(
                                        "/api/care/referrals/" + id + "/decision",
                                        CareHttp.careManager(),
                                        decision)
                                .statusCode())
                .isEqualTo(200);
        jdbc.sql(
                        "UPDATE referral SET closed_at = now() - make_interval(years => :years)"
                                + " WHERE id = :id")
                .param("years", years)
                .param("id", id)
                .update();
        return id;
    }

    private boolean sealed(UUID id) {
        return jdbc.sql(
                        "SELECT protected IS NOT NULL AND nhs_number_hash IS NOT NULL AND"
                                + " person_hash IS NOT NULL FROM referral WHERE id = :id")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private long trail(UUID id) {
        return jdbc.sql("SELECT count(*) FROM access_audit WHERE referral_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }
}
