package uk.gov.hertfordshire.cases.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single-colour 24-megapixel phone photo with EXIF orientation 6 (turn a quarter clockwise): tiny
 * to upload, about 72 MB decoded and as much again turned upright. In a JVM of {@code -Xmx256m}
 * whose heap beyond the decode budget is already in use (as the budget assumes the rest of
 * case-service uses it), three such uploads at once are each answered, and the JVM stays up: the
 * budget counts what cleaning a photo really takes.
 */
class PhotoDecodeMemoryTest {

    @Test
    void threeTwentyFourMegapixelTurnedPhotosAtOnceFitAQuarterGigabyteHeap(@TempDir Path dir)
            throws Exception {
        Path photo = dir.resolve("phone.jpg");
        Path outcomes = dir.resolve("outcomes.txt");
        Files.write(photo, TestPhotos.withOrientation(singleColour(6000, 4000), 6));

        Process jvm =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx256m",
                                "-XX:+ExitOnOutOfMemoryError",
                                "-Djava.awt.headless=true",
                                "-cp",
                                System.getProperty("java.class.path"),
                                DecodeUnderSmallHeap.class.getName(),
                                photo.toString(),
                                "3",
                                outcomes.toString())
                        .redirectErrorStream(true)
                        .start();
        boolean ended = jvm.waitFor(3, TimeUnit.MINUTES);
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            jvm.destroyForcibly();
        }

        assertThat(ended).as(output).isTrue();
        assertThat(jvm.exitValue()).as(output).isZero();
        List<String> answers =
                Files.readAllLines(outcomes).stream()
                        .filter(line -> line.startsWith("stored"))
                        .toList();
        assertThat(answers)
                .as(output)
                .containsExactly("stored 4000x6000", "stored 4000x6000", "stored 4000x6000");
    }

    private static byte[] singleColour(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D graphics = image.createGraphics();
        graphics.setColor(new java.awt.Color(0x60, 0x60, 0x60));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        return TestPhotos.encode(image, "jpeg");
    }
}
