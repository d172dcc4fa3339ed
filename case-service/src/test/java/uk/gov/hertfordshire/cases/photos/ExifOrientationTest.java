package uk.gov.hertfordshire.cases.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

/**
 * A phone photo carrying an EXIF orientation is stored upright. The photo is 64 × 32, red on its
 * left half and blue on its right; the EXIF block is written byte by byte here (TIFF 6.0 / EXIF
 * 2.3: big-endian header, one IFD0 entry, tag 274 SHORT), and where each colour must end up is
 * worked out from the EXIF meanings of 1–8, not from the code.
 */
class ExifOrientationTest {

    private static final int RED = 0xff0000;
    private static final int BLUE = 0x0000ff;

    @ParameterizedTest(name = "orientation {0}: {1}x{2}, top-left {3}, bottom-right {4}")
    @CsvSource({
        // stored as is
        "0, 64, 32, red, blue",
        "1, 64, 32, red, blue",
        // mirrored left to right: blue on the left
        "2, 64, 32, blue, red",
        // upside down: blue on the left
        "3, 64, 32, blue, red",
        // mirrored top to bottom: colours stay left and right
        "4, 64, 32, red, blue",
        // the rest are sideways: 32 wide, 64 high; a quarter turn clockwise puts the left on top
        "6, 32, 64, red, blue",
        // a quarter turn anticlockwise puts the left at the bottom
        "8, 32, 64, blue, red",
        // transpose: the left (column 0) becomes the top (row 0)
        "5, 32, 64, red, blue",
        // transverse: the left becomes the bottom
        "7, 32, 64, blue, red",
    })
    void theStoredPhotoIsTurnedAsItsExifOrientationSays(
            int orientation, int width, int height, String topLeft, String bottomRight)
            throws IOException {
        byte[] upload =
                orientation == 0
                        ? redLeftBlueRight()
                        : TestPhotos.withOrientation(redLeftBlueRight(), orientation);

        PhotoSanitiser.CleanPhoto stored = sanitiser().sanitise("image/jpeg", upload);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(stored.bytes()));
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        assertThat(stored.width()).isEqualTo(width);
        assertThat(stored.height()).isEqualTo(height);
        assertThat(colour(image.getRGB(4, 4))).isEqualTo(topLeft);
        assertThat(colour(image.getRGB(width - 5, height - 5))).isEqualTo(bottomRight);
        assertThat(new String(stored.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the EXIF block itself is gone")
                .doesNotContain("Exif");
    }

    /** A greyscale JPEG decodes to one byte a pixel, and is turned in place all the same. */
    @org.junit.jupiter.api.Test
    void aGreyscalePhotoIsTurnedAQuarterClockwise() {
        BufferedImage grey = new BufferedImage(64, 32, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, 32, 32);
        g.setColor(Color.WHITE);
        g.fillRect(32, 0, 32, 32);
        g.dispose();
        byte[] upload = TestPhotos.withOrientation(TestPhotos.encode(grey, "jpeg"), 6);

        BufferedImage stored =
                TestPhotos.decode(sanitiser().sanitise("image/jpeg", upload).bytes());

        assertThat(stored.getWidth()).isEqualTo(32);
        assertThat(stored.getHeight()).isEqualTo(64);
        // the left (black) is now the top, the right (white) the bottom
        assertThat(stored.getRGB(16, 4) & 0xff).isLessThan(40);
        assertThat(stored.getRGB(16, 59) & 0xff).isGreaterThan(215);
    }

    private static String colour(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int b = rgb & 0xff;
        return r > 200 && b < 60 ? "red" : b > 200 && r < 60 ? "blue" : "other";
    }

    private static byte[] redLeftBlueRight() throws IOException {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(RED));
        g.fillRect(0, 0, 32, 32);
        g.setColor(new Color(BLUE));
        g.fillRect(32, 0, 32, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private static PhotoSanitiser sanitiser() {
        PhotoProperties limits =
                new PhotoProperties(
                        DataSize.ofMegabytes(10),
                        5,
                        24_000_000,
                        DataSize.ofMegabytes(10),
                        DataSize.ofMegabytes(96),
                        Duration.ofSeconds(1),
                        0.9f);
        return new PhotoSanitiser(
                limits,
                new MemoryBudget(limits.uploadMemory().toBytes(), limits.decodeWait()),
                new MemoryBudget(limits.decodeMemory().toBytes(), limits.decodeWait()));
    }
}
