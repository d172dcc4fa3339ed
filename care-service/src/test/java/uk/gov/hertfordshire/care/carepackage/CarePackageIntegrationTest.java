package uk.gov.hertfordshire.care.carepackage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.care.CareHttp;
import uk.gov.hertfordshire.care.CareIntegrationTest;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.care.PackageCommissioned;

/** A package commissioned for a decided referral is stored with its event, exactly once. */
@CareIntegrationTest
class CarePackageIntegrationTest {

    static final String PACKAGE =
            "{\"providerCode\":\"PROV-0042\",\"weeklyCostPence\":45075,"
                    + "\"startDate\":\"2027-01-04\",\"endDate\":\"2027-03-28\"}";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void aDecidedReferralsPackageIsCommissionedWithItsEventWhileAnUndecidedOneIsRefused()
            throws Exception {
        CareHttp http = new CareHttp(port);
        UUID undecided = http.recordAdultReferral();
        UUID decided = http.recordAdultReferral();
        String decision = "{\"outcome\":\"adult_needs_assessment\",\"reason\":\"Needs care.\"}";
        http.post(
                "/api/care/referrals/" + decided + "/proposal", CareHttp.practitioner(), decision);
        http.post("/api/care/referrals/" + decided + "/decision", CareHttp.careManager(), decision);

        var refused =
                http.post(
                        "/api/care/referrals/" + undecided + "/packages",
                        CareHttp.careManager(),
                        PACKAGE);
        var commissioned =
                http.post(
                        "/api/care/referrals/" + decided + "/packages",
                        CareHttp.careManager(),
                        PACKAGE);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(commissioned.statusCode()).as(commissioned.body()).isEqualTo(201);
        byte[] payload =
                jdbc.sql(
                                "SELECT payload FROM platform.outbox WHERE event_type ="
                                        + " :type AND payload::text IS NOT NULL ORDER BY id DESC"
                                        + " LIMIT 1")
                        .param("type", PackageCommissioned.TYPE.type())
                        .query(byte[].class)
                        .single();
        PackageCommissioned event =
                new EventSerializer().fromJson(payload, PackageCommissioned.class);
        assertThat(event.referralId()).isEqualTo(decided.toString());
        assertThat(event.providerCode()).isEqualTo("PROV-0042");
        assertThat(event.weeklyCostPence()).isEqualTo(45075);
        assertThat(event.currency()).isEqualTo("GBP");
        assertThat(event.startDate()).hasToString("2027-01-04");
        assertThat(event.endDate()).hasToString("2027-03-28");
        assertThat(
                        jdbc.sql("SELECT count(*) FROM care_package WHERE referral_id = :id")
                                .param("id", decided)
                                .query(Long.class)
                                .single())
                .isEqualTo(1);
    }

    @Test
    void aPractitionerCannotCommission() throws Exception {
        CareHttp http = new CareHttp(port);
        UUID id = http.recordAdultReferral();

        assertThat(
                        http.post(
                                        "/api/care/referrals/" + id + "/packages",
                                        CareHttp.practitioner(),
                                        PACKAGE)
                                .statusCode())
                .isEqualTo(403);
    }
}
