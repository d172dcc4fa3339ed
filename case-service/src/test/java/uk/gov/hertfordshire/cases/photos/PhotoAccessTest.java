package uk.gov.hertfordshire.cases.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Who may add and see a case's photos: whoever may read the case (CaseAccess). Everyone else finds
 * no case, with the same 404 as for a case that does not exist.
 */
@PlatformIntegrationTest
class PhotoAccessTest {

    static final TestIssuer idp = TestIssuer.shared();
    static final TestIssuer.TokenBuilder ALICE = idp.citizen("alice");
    static final TestIssuer.TokenBuilder BOB = idp.citizen("bob");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private PhotoApi api;
    private String alicesCase;

    @BeforeEach
    void alicesCase() throws Exception {
        api = new PhotoApi(port);
        alicesCase = api.caseOf(ALICE);
    }

    @Test
    void anotherCitizenGetsTheSame404AsForNoCaseWhereTheOwnerGets200() throws Exception {
        String photo = api.uploaded(alicesCase, ALICE, TestPhotos.jpeg(32, 24));
        String missingCase = "/api/cases/" + UUID.randomUUID();

        assertThat(api.getBytes(photo, ALICE).statusCode()).isEqualTo(200);
        assertThat(api.get(alicesCase + "/photos", ALICE).statusCode()).isEqualTo(200);

        HttpResponse<String> bobsFetch = api.get(photo, BOB);
        HttpResponse<String> bobsList = api.get(alicesCase + "/photos", BOB);
        HttpResponse<String> bobsUpload =
                api.upload(alicesCase, BOB, "image/jpeg", "b.jpg", TestPhotos.jpeg(32, 24));
        HttpResponse<String> noSuchCase = api.get(missingCase + "/photos", BOB);

        assertThat(bobsFetch.statusCode()).isEqualTo(404);
        assertThat(bobsList.statusCode()).isEqualTo(404);
        assertThat(bobsUpload.statusCode()).isEqualTo(404);
        assertThat(bobsList.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(bobsList.body().replace(alicesCase, "{case}"))
                .as("indistinguishable from a case that does not exist")
                .isEqualTo(noSuchCase.body().replace(missingCase, "{case}"));
        assertThat(photosOf(alicesCase)).as("Bob's upload stored nothing").isEqualTo(1);
    }

    @Test
    void staffWhoReadAnyCaseMayAddAndSeeItsPhotos() throws Exception {
        TestIssuer.TokenBuilder agent = idp.staff("agent-carol", "AGENT");
        TestIssuer.TokenBuilder officer = idp.staff("officer-dan", "OFFICER");
        TestIssuer.TokenBuilder admin = idp.staff("admin-judy", "ADMIN");

        String byAgent = api.uploaded(alicesCase, agent, TestPhotos.jpeg(32, 24));
        String byOfficer = api.uploaded(alicesCase, officer, TestPhotos.jpeg(32, 24));

        assertThat(api.getBytes(byAgent, admin).statusCode()).isEqualTo(200);
        assertThat(api.getBytes(byOfficer, ALICE).statusCode())
                .as("the citizen sees photos staff added to their case")
                .isEqualTo(200);
        assertThat(
                        jdbc.sql("SELECT uploaded_by FROM case_photo WHERE id = :id")
                                .param("id", PhotoApi.idOf(byOfficer))
                                .query(String.class)
                                .single())
                .isEqualTo(idp.issuer(TestIssuer.STAFF) + "|officer-dan");
    }

    @Test
    void aPhotoOfOneCaseIsNotFoundUnderAnotherCaseTheCallerMayRead() throws Exception {
        String photo = api.uploaded(alicesCase, ALICE, TestPhotos.jpeg(32, 24));
        String otherCase = api.caseOf(ALICE);
        String underOtherCase = otherCase + "/photos/" + PhotoApi.idOf(photo);

        assertThat(api.getBytes(photo, ALICE).statusCode()).isEqualTo(200);
        assertThat(api.getBytes(underOtherCase, ALICE).statusCode()).isEqualTo(404);
    }

    @Test
    void rolesThatDoNotWorkCasesAre403BesideTheOwnerWhoUploads() throws Exception {
        TestIssuer.TokenBuilder partner = idp.partner("partner-nhs-herts", "nhs-herts");
        TestIssuer.TokenBuilder editor = idp.staff("editor-eve", "EDITOR");

        HttpResponse<String> byPartner =
                api.upload(alicesCase, partner, "image/jpeg", "p.jpg", TestPhotos.jpeg(8, 8));
        HttpResponse<String> byEditor =
                api.upload(alicesCase, editor, "image/jpeg", "p.jpg", TestPhotos.jpeg(8, 8));
        HttpResponse<String> byOwner =
                api.upload(alicesCase, ALICE, "image/jpeg", "p.jpg", TestPhotos.jpeg(8, 8));

        assertThat(byPartner.statusCode()).isEqualTo(403);
        assertThat(byEditor.statusCode()).isEqualTo(403);
        assertThat(api.get(alicesCase + "/photos", editor).statusCode()).isEqualTo(403);
        assertThat(byOwner.statusCode()).isEqualTo(201);
    }

    @Test
    void noTokenIs401BesideTheSameUploadWithOne() throws Exception {
        HttpResponse<String> anonymous =
                api.upload(alicesCase, null, "image/jpeg", "p.jpg", TestPhotos.jpeg(8, 8));
        HttpResponse<String> owner =
                api.upload(alicesCase, ALICE, "image/jpeg", "p.jpg", TestPhotos.jpeg(8, 8));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(owner.statusCode()).isEqualTo(201);
    }

    private long photosOf(String casePath) {
        return jdbc.sql("SELECT count(*) FROM case_photo WHERE case_id = :id")
                .param("id", PhotoApi.idOf(casePath))
                .query(Long.class)
                .single();
    }
}
