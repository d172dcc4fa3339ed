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
 * Idempotency-Key on a multipart upload: a client that retries sends the same photo under a new
 * multipart boundary (every client picks a fresh random one), which is still the same request.
 */
@PlatformIntegrationTest
class PhotoIdempotencyTest {

    static final TestIssuer.TokenBuilder ALICE = TestIssuer.shared().citizen("alice");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private PhotoApi api;
    private String casePath;

    @BeforeEach
    void aCase() throws Exception {
        api = new PhotoApi(port);
        casePath = api.caseOf(ALICE);
    }

    @Test
    void aRetriedUploadWithTheSameKeyStoresOnePhotoAndGetsTheFirstAnswer() throws Exception {
        String key = UUID.randomUUID().toString();
        PhotoApi.Part photo =
                new PhotoApi.Part("photo", "p.jpg", "image/jpeg", TestPhotos.jpeg(48, 32));

        HttpResponse<String> first = api.upload(casePath, ALICE, photo, key);
        HttpResponse<String> retry = api.upload(casePath, ALICE, photo, key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(photosOnTheCase()).isEqualTo(1);
    }

    @Test
    void theSameUploadTwiceWithoutAKeyStoresTwoPhotos() throws Exception {
        PhotoApi.Part photo =
                new PhotoApi.Part("photo", "p.jpg", "image/jpeg", TestPhotos.jpeg(48, 32));

        assertThat(api.upload(casePath, ALICE, photo, null).statusCode()).isEqualTo(201);
        assertThat(api.upload(casePath, ALICE, photo, null).statusCode()).isEqualTo(201);

        assertThat(photosOnTheCase()).isEqualTo(2);
    }

    @Test
    void theSameKeyWithAnotherPhotoIs422AndStoresNothingMore() throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first =
                api.upload(
                        casePath,
                        ALICE,
                        new PhotoApi.Part("photo", "p.jpg", "image/jpeg", TestPhotos.jpeg(48, 32)),
                        key);
        HttpResponse<String> other =
                api.upload(
                        casePath,
                        ALICE,
                        new PhotoApi.Part("photo", "p.jpg", "image/jpeg", TestPhotos.jpeg(50, 32)),
                        key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("Idempotency-Key");
        assertThat(photosOnTheCase()).isEqualTo(1);
    }

    private long photosOnTheCase() {
        return jdbc.sql("SELECT count(*) FROM case_photo WHERE case_id = :id")
                .param("id", PhotoApi.idOf(casePath))
                .query(Long.class)
                .single();
    }
}
