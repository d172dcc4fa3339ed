package uk.gov.hertfordshire.cases.photos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * Where a photo was taken does not leave the citizen's phone for anyone else: the GPS position in
 * an uploaded photo's EXIF is shown to be there before upload, read from the bytes by {@link
 * ImageMetadata} (not by the code under test), and gone from what is stored and served.
 *
 * <p>The fixtures in {@code src/test/resources/photos} were made from plain 96 × 64 images with
 * ExifTool 12.57: {@code exiftool -Make=FixtureCam -Model='Test Phone 1'
 * -DateTimeOriginal='2026:03:14 09:26:53' -GPSLatitude=51.752 -GPSLatitudeRef=N -GPSLongitude=0.336
 * -GPSLongitudeRef=W -GPSAltitude=120 gps-exif.jpg}, and for the PNG the same GPS and make (an eXIf
 * chunk) and {@code -Comment='taken at home'} (a tEXt chunk). 51.752° N is 51° 45′ 7.2″; 0.336° W
 * is 0° 20′ 9.6″.
 */
@PlatformIntegrationTest
class PhotoMetadataTest {

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
    void theGpsPositionInAJpegsExifIsGoneFromTheStoredAndServedPhoto() throws Exception {
        byte[] upload = TestPhotos.resource("gps-exif.jpg");
        double[][] gps = ImageMetadata.jpegGps(upload).orElseThrow();
        assertThat(gps[0]).containsExactly(new double[] {51, 45, 7.2}, within(1e-9));
        assertThat(gps[1]).containsExactly(new double[] {0, 20, 9.6}, within(1e-9));
        assertThat(ImageMetadata.contains(upload, ascii("FixtureCam"))).isTrue();

        HttpResponse<String> created =
                api.upload(casePath, ALICE, "image/jpeg", "at-home.jpg", upload);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        byte[] served = api.getBytes(location, ALICE).body();
        byte[] stored = storedContent(location);

        assertThat(served).isEqualTo(stored);
        assertThat(ImageMetadata.jpegGps(served)).isEmpty();
        List<Integer> markers =
                ImageMetadata.jpegSegments(served).stream()
                        .map(ImageMetadata.Segment::marker)
                        .toList();
        assertThat(markers)
                .as("no APP1..APP15 (EXIF, XMP, ICC...) and no comment segment")
                .noneMatch(marker -> marker >= 0xE1 && marker <= 0xEF)
                .doesNotContain(0xFE);
        assertThat(ImageMetadata.contains(served, ascii("Exif"))).isFalse();
        assertThat(ImageMetadata.contains(served, ascii("FixtureCam"))).isFalse();
        assertThat(ImageMetadata.contains(served, ascii("2026:03:14"))).isFalse();
        BufferedImage image = TestPhotos.decode(served);
        assertThat(image.getWidth()).isEqualTo(96);
        assertThat(image.getHeight()).isEqualTo(64);
    }

    @Test
    void exifAndTextChunksInAPngAreGoneFromTheStoredPhoto() throws Exception {
        byte[] upload = TestPhotos.resource("gps-exif.png");
        ImageMetadata.Chunk exif =
                ImageMetadata.pngChunks(upload).stream()
                        .filter(chunk -> chunk.type().equals("eXIf"))
                        .findFirst()
                        .orElseThrow();
        assertThat(ImageMetadata.tiffGps(exif.data()).orElseThrow()[0])
                .containsExactly(new double[] {51, 45, 7.2}, within(1e-9));
        assertThat(ImageMetadata.contains(upload, ascii("taken at home"))).isTrue();

        HttpResponse<String> created = api.upload(casePath, ALICE, "image/png", "home.png", upload);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        byte[] stored = storedContent(created.headers().firstValue("Location").orElseThrow());

        assertThat(ImageMetadata.pngChunks(stored))
                .extracting(ImageMetadata.Chunk::type)
                .as("only the chunks that carry the image")
                .allMatch(type -> List.of("IHDR", "PLTE", "tRNS", "IDAT", "IEND").contains(type));
        assertThat(ImageMetadata.contains(stored, ascii("taken at home"))).isFalse();
        assertThat(ImageMetadata.contains(stored, ascii("FixtureCam"))).isFalse();
        assertThat(TestPhotos.decode(stored).getRGB(0, 0, 96, 64, null, 0, 96))
                .isEqualTo(TestPhotos.decode(upload).getRGB(0, 0, 96, 64, null, 0, 96));
    }

    private byte[] storedContent(String photoPath) {
        return jdbc.sql("SELECT content FROM case_photo WHERE id = :id")
                .param("id", PhotoApi.idOf(photoPath))
                .query(byte[].class)
                .single();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
