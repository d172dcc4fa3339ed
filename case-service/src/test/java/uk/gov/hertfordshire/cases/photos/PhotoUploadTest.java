package uk.gov.hertfordshire.cases.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * What is accepted as a case photo and what is refused, over HTTP against real PostgreSQL: every
 * refusal beside an upload that differs in the one thing refused and is accepted.
 */
@PlatformIntegrationTest
class PhotoUploadTest {

    static final TestIssuer.TokenBuilder ALICE = TestIssuer.shared().citizen("alice");

    /** The default limit, 10 MB as Spring's DataSize counts it: 10 × 1024 × 1024 bytes. */
    static final int TEN_MB = 10_485_760;

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private PhotoApi api;
    private String casePath;

    @BeforeEach
    void aCase() throws Exception {
        api = new PhotoApi(port);
        casePath = api.caseOf(ALICE);
    }

    @Test
    void aJpegIsAcceptedStoredAndServedBackAsAJpeg() throws Exception {
        HttpResponse<String> created =
                api.upload(casePath, ALICE, "image/jpeg", "pothole.jpg", TestPhotos.jpeg(320, 240));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode view = json.readTree(created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(view.get("url").asString()).isEqualTo(location);
        assertThat(location).startsWith(casePath + "/photos/");
        assertThat(view.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(view.get("width").asInt()).isEqualTo(320);
        assertThat(view.get("height").asInt()).isEqualTo(240);

        HttpResponse<byte[]> served = api.getBytes(location, ALICE);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().allValues("Content-Type")).containsExactly("image/jpeg");
        assertThat(served.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(served.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("inline");
        assertThat(served.headers().firstValue("Cache-Control").orElseThrow())
                .contains("private")
                .doesNotContain("public");
        assertThat(served.body()).hasSize(view.get("bytes").asInt());
        BufferedImage image = TestPhotos.decode(served.body());
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getHeight()).isEqualTo(240);
        assertThat(storedSha256(PhotoApi.idOf(location))).isEqualTo(sha256(served.body()));
        assertThat(served.headers().firstValue("ETag"))
                .hasValue("\"" + sha256(served.body()) + "\"");
        assertThat(served.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; sandbox");
        HttpResponse<String> again =
                api.send(
                        HttpRequest.newBuilder(api.uri(location))
                                .header("Authorization", ALICE.bearer())
                                .header("If-None-Match", "\"" + sha256(served.body()) + "\""));
        assertThat(again.statusCode()).as("unchanged since the browser cached it").isEqualTo(304);
    }

    @Test
    void aPngIsAcceptedAndServedBackPixelForPixel() throws Exception {
        BufferedImage original = TestPhotos.picture(64, 48);
        HttpResponse<String> created =
                api.upload(
                        casePath,
                        ALICE,
                        "image/png",
                        "drain.png",
                        TestPhotos.encode(original, "png"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<byte[]> served =
                api.getBytes(created.headers().firstValue("Location").orElseThrow(), ALICE);
        assertThat(served.headers().allValues("Content-Type")).containsExactly("image/png");
        BufferedImage back = TestPhotos.decode(served.body());
        assertThat(back.getRGB(0, 0, 64, 48, null, 0, 64))
                .as("PNG is lossless: the re-encoded pixels are the uploaded ones")
                .isEqualTo(original.getRGB(0, 0, 64, 48, null, 0, 64));
    }

    @Test
    void theListShowsEachPhotoWithItsFactsAndUrl() throws Exception {
        String first = api.uploaded(casePath, ALICE, TestPhotos.jpeg(40, 30));
        HttpResponse<String> png =
                api.upload(casePath, ALICE, "image/png", "b.png", TestPhotos.png(20, 10));
        String second = png.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> list = api.get(casePath + "/photos", ALICE);

        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode photos = json.readTree(list.body());
        assertThat(photos.size()).isEqualTo(2);
        assertThat(photos.get(0).get("url").asString()).isEqualTo(first);
        assertThat(photos.get(1).get("url").asString()).isEqualTo(second);
        assertThat(photos.get(1).get("contentType").asString()).isEqualTo("image/png");
        assertThat(photos.get(1).get("width").asInt()).isEqualTo(20);
        assertThat(photos.get(1).get("height").asInt()).isEqualTo(10);
        assertThat(photos.get(1).get("bytes").asInt()).isPositive();
        assertThat(photos.get(1).get("uploadedAt").asString()).isNotBlank();
    }

    @Test
    void aTextFileNamedJpgIsRefusedBesideARealJpeg() throws Exception {
        byte[] text =
                "Not a photo at all, just words in a file called pothole.jpg\n"
                        .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused =
                api.upload(casePath, ALICE, "image/jpeg", "pothole.jpg", text);
        HttpResponse<String> accepted =
                api.upload(casePath, ALICE, "image/jpeg", "pothole.jpg", TestPhotos.jpeg(64, 48));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body()).contains("not a JPEG or PNG image");
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(storedPhotos()).as("only the real one").isEqualTo(1);
    }

    @Test
    void aTruncatedJpegIsRefusedWhileTheWholeOneIsAccepted() throws Exception {
        byte[] whole = TestPhotos.jpeg(320, 240);
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        byte[] withoutEndMarker = Arrays.copyOf(whole, whole.length - 2);

        HttpResponse<String> halfRefused = api.upload(casePath, ALICE, "image/jpeg", "a.jpg", half);
        HttpResponse<String> endRefused =
                api.upload(casePath, ALICE, "image/jpeg", "a.jpg", withoutEndMarker);
        HttpResponse<String> wholeAccepted =
                api.upload(casePath, ALICE, "image/jpeg", "a.jpg", whole);

        assertThat(halfRefused.statusCode()).as(halfRefused.body()).isEqualTo(422);
        assertThat(halfRefused.body()).contains("damaged or incomplete").contains("Truncated");
        assertThat(endRefused.statusCode()).as(endRefused.body()).isEqualTo(422);
        assertThat(endRefused.body()).contains("Missing EOI marker");
        assertThat(wholeAccepted.statusCode()).isEqualTo(201);
        assertThat(storedPhotos()).isEqualTo(1);
    }

    @Test
    void aPhotoOfExactlyTheLimitIsAcceptedAndOneByteMoreIsRefused() throws Exception {
        byte[] atLimit = TestPhotos.pngOfExactly(TEN_MB);
        byte[] overLimit = TestPhotos.pngOfExactly(TEN_MB + 1);
        assertThat(atLimit).hasSize(10 * 1024 * 1024);

        HttpResponse<String> refused =
                api.upload(casePath, ALICE, "image/png", "big.png", overLimit);
        HttpResponse<String> accepted =
                api.upload(casePath, ALICE, "image/png", "big.png", atLimit);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body()).contains("10485761 bytes").contains("at most 10485760 bytes");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(json.readTree(accepted.body()).get("bytes").asInt())
                .as("the padding chunk is not kept")
                .isLessThan(10_000);
    }

    /**
     * 24 megapixels with transparency decode to 96,000,000 bytes, and the encoder is allowed a
     * quarter more: over the 112 MB (117,440,512 bytes) that decoding may take at once, so it could
     * never be decoded here. The same picture without transparency (72,000,000 + 18,000,000) fits.
     */
    @Test
    void aPhotoThatCouldNeverFitTheDecodeMemoryIsRefusedBesideTheSameWithoutTransparency()
            throws Exception {
        HttpResponse<String> refused =
                api.upload(
                        casePath,
                        ALICE,
                        "image/png",
                        "a.png",
                        singleColour24Megapixels(BufferedImage.TYPE_4BYTE_ABGR));
        HttpResponse<String> accepted =
                api.upload(
                        casePath,
                        ALICE,
                        "image/png",
                        "a.png",
                        singleColour24Megapixels(BufferedImage.TYPE_3BYTE_BGR));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.body()).contains("memory to decode").contains("at most 112 MB");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(json.readTree(accepted.body()).get("width").asInt()).isEqualTo(6000);
    }

    private static byte[] singleColour24Megapixels(int type) {
        BufferedImage image = new BufferedImage(6000, 4000, type);
        java.awt.Graphics2D graphics = image.createGraphics();
        graphics.setColor(new java.awt.Color(0x30, 0x80, 0x30));
        graphics.fillRect(0, 0, 6000, 4000);
        graphics.dispose();
        return TestPhotos.encode(image, "png");
    }

    /**
     * Only the headers are sent, announcing a body of twice the limit: the answer comes before any
     * of it is read. (A client that goes on sending is cut off, so a socket shows it precisely.)
     */
    @Test
    void aRequestAnnouncingFarMoreThanOnePhotoIsRefusedBeforeItsBodyIsRead() throws Exception {
        String boundary = "b" + java.util.UUID.randomUUID();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String head =
                    "POST "
                            + casePath
                            + "/photos HTTP/1.1\r\n"
                            + "Host: localhost\r\n"
                            + "Authorization: "
                            + ALICE.bearer()
                            + "\r\n"
                            + "Content-Type: multipart/form-data; boundary="
                            + boundary
                            + "\r\n"
                            + "Content-Length: "
                            + (2L * TEN_MB)
                            + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine =
                    new BufferedReader(
                                    new InputStreamReader(
                                            socket.getInputStream(), StandardCharsets.US_ASCII))
                            .readLine();

            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        HttpResponse<String> small =
                api.upload(casePath, ALICE, "image/png", "x.png", TestPhotos.png(4, 4));
        assertThat(small.statusCode()).isEqualTo(201);
        assertThat(storedPhotos()).isEqualTo(1);
    }

    @Test
    void aGifOrTextIsRefusedAsTheWrongTypeBesideTheSameImageAsPng() throws Exception {
        HttpResponse<String> gif =
                api.upload(casePath, ALICE, "image/gif", "a.gif", TestPhotos.gif(32, 32));
        HttpResponse<String> text =
                api.upload(casePath, ALICE, "text/plain", "a.txt", "hello".getBytes());
        HttpResponse<String> png =
                api.upload(casePath, ALICE, "image/png", "a.png", TestPhotos.png(32, 32));

        assertThat(gif.statusCode()).isEqualTo(415);
        assertThat(gif.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(gif.body()).contains("image/jpeg or image/png").contains("'image/gif'");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(png.statusCode()).isEqualTo(201);
        assertThat(storedPhotos()).isEqualTo(1);
    }

    @Test
    void aJpegClaimingToBeAPngIsRefusedBesideTheSameJpegClaimedAsJpeg() throws Exception {
        byte[] jpeg = TestPhotos.jpeg(32, 32);

        HttpResponse<String> refused = api.upload(casePath, ALICE, "image/png", "a.png", jpeg);
        HttpResponse<String> accepted = api.upload(casePath, ALICE, "image/jpeg", "a.jpg", jpeg);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("sent as image/png but its bytes are a JPEG image");
        assertThat(accepted.statusCode()).isEqualTo(201);
    }

    @Test
    void aJsonBodyInsteadOfMultipartIsRefused() throws Exception {
        HttpResponse<String> refused =
                api.send(
                        HttpRequest.newBuilder(api.uri(casePath + "/photos"))
                                .header("Authorization", ALICE.bearer())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"photo\":\"x\"}")));

        assertThat(refused.statusCode()).isEqualTo(415);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
    }

    @Test
    void anUploadWithoutThePhotoPartIsRefusedByName() throws Exception {
        HttpResponse<String> refused =
                api.upload(
                        casePath,
                        ALICE,
                        new PhotoApi.Part("picture", "a.jpg", "image/jpeg", TestPhotos.jpeg(8, 8)),
                        null);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("photo");
    }

    @Test
    void theSixthPhotoOfACaseIsRefusedAndTheFiveStay() throws Exception {
        for (int i = 0; i < 5; i++) {
            api.uploaded(casePath, ALICE, TestPhotos.jpeg(16 + i, 16));
        }

        HttpResponse<String> sixth =
                api.upload(casePath, ALICE, "image/jpeg", "6.jpg", TestPhotos.jpeg(30, 16));
        HttpResponse<String> elsewhere =
                api.upload(
                        api.caseOf(ALICE), ALICE, "image/jpeg", "6.jpg", TestPhotos.jpeg(30, 16));

        assertThat(sixth.statusCode()).isEqualTo(409);
        assertThat(sixth.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(sixth.body()).contains("at most 5");
        assertThat(elsewhere.statusCode()).as("the cap is per case").isEqualTo(201);
        assertThat(json.readTree(api.get(casePath + "/photos", ALICE).body()).size()).isEqualTo(5);
    }

    private long storedPhotos() {
        return jdbc.sql("SELECT count(*) FROM case_photo WHERE case_id = :id")
                .param("id", PhotoApi.idOf(casePath))
                .query(Long.class)
                .single();
    }

    private String storedSha256(java.util.UUID photoId) {
        return jdbc.sql("SELECT sha256 FROM case_photo WHERE id = :id")
                .param("id", photoId)
                .query(String.class)
                .single();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
