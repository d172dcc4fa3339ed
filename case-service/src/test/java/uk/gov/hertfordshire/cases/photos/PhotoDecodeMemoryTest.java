package uk.gov.hertfordshire.cases.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 5: a single-colour 24-megapixel phone photo with EXIF orientation 6 (turn a
 * quarter clockwise) is tiny to upload and 72 MB decoded. Cleaned in a JVM started with the flags
 * {@code ./platform} gives case-service ({@code -Xmx256m}, SerialGC), holding what the rest of the
 * service holds, four such uploads at once, three rounds over, are each answered and the JVM stays
 * up. Beside it, the same JVM turning the photo the way it was turned before (a second full-size
 * image) runs out of memory on the first photo.
 */
class PhotoDecodeMemoryTest {

    static final int WIDTH = 6000;
    static final int HEIGHT = 4000;
    static final int MARK = 64;
    static final int GREY = 0x606060;
    static final int RED = 0xff0000;
    static final long HELD_MB = DecodeUnderSmallHeap.REST_OF_SERVICE / (1024 * 1024);

    @TempDir static Path dir;
    static Path photo;

    /** {@link DecodeUnderSmallHeap#turnedPhoneSizedPhoto}: a red square top left as stored. */
    @BeforeAll
    static void aTurnedPhoneSizedPhoto() throws IOException {
        photo = dir.resolve("phone.jpg");
        Files.write(photo, DecodeUnderSmallHeap.turnedPhoneSizedPhoto());
        assertThat(Files.size(photo)).as("small to upload").isLessThan(1024 * 1024);
    }

    @Test
    void fourTurned24MegapixelPhotosAtOnceThreeRoundsOverAreEachStoredUpright() throws Exception {
        Run run = fork("sanitiser", 4, 3);
        List<String> expected = new ArrayList<>();
        expected.add("holding " + HELD_MB + " MB");
        expected.addAll(Collections.nCopies(12, "stored 4000x6000"));
        expected.add("still holding " + HELD_MB + " MB");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.outcomes()).as(run.output()).containsExactlyElementsOf(expected);
        BufferedImage stored = TestPhotos.decode(Files.readAllBytes(dir.resolve("clean.jpg")));
        assertThat(stored.getWidth()).isEqualTo(HEIGHT);
        assertThat(stored.getHeight()).isEqualTo(WIDTH);
        assertThat(colour(stored.getRGB(HEIGHT - MARK / 2, MARK / 2)))
                .as("top right")
                .isEqualTo("red");
        assertThat(colour(stored.getRGB(MARK / 2, MARK / 2))).as("top left").isEqualTo("grey");
        assertThat(colour(stored.getRGB(HEIGHT - MARK / 2, WIDTH - MARK / 2)))
                .as("bottom right")
                .isEqualTo("grey");
    }

    @Test
    void theSameJvmTurningThePhotoIntoASecondFullSizeImageRunsOutOfMemory() throws Exception {
        Run run = fork("copy", 1, 1);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(3); // -XX:+ExitOnOutOfMemoryError
        assertThat(run.output()).contains("OutOfMemoryError");
        assertThat(run.outcomes())
                .as("out of memory cleaning the photo, not before")
                .containsExactly("holding " + HELD_MB + " MB");
    }

    record Run(int exitCode, String output, List<String> outcomes) {}

    private static Run fork(String how, int uploads, int rounds) throws Exception {
        Path outcomes = dir.resolve(how + ".txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(platformServiceFlags());
        command.addAll(
                List.of(
                        "-XX:+ExitOnOutOfMemoryError",
                        "-Djava.awt.headless=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DecodeUnderSmallHeap.class.getName(),
                        photo.toString(),
                        outcomes.toString(),
                        Integer.toString(uploads),
                        Integer.toString(rounds),
                        how));
        Process jvm = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jvm.waitFor(2, TimeUnit.MINUTES)) {
            jvm.destroyForcibly();
            throw new AssertionError("the forked JVM did not finish: " + output);
        }
        return new Run(
                jvm.exitValue(),
                command + "\n" + output,
                Files.exists(outcomes) ? Files.readAllLines(outcomes) : List.of());
    }

    /**
     * The JVM flags {@code ./platform} starts every service with: the launcher's {@code
     * ClusterPlan.DEFAULT_JVM_OPTS} (deploy/local), read from its source so that this test follows
     * any change to them.
     */
    static List<String> platformServiceFlags() throws IOException {
        String plan =
                Files.readString(
                        Path.of(
                                "..",
                                "deploy/local/src/main/java/uk/gov/hertfordshire/platform/local"
                                        + "/cluster/ClusterPlan.java"));
        Matcher declaration =
                Pattern.compile("(?s)String DEFAULT_JVM_OPTS\\s*=(.+?);").matcher(plan);
        assertThat(declaration.find()).as("DEFAULT_JVM_OPTS in ClusterPlan").isTrue();
        StringBuilder options = new StringBuilder();
        Matcher literal = Pattern.compile("\"([^\"]*)\"").matcher(declaration.group(1));
        while (literal.find()) {
            options.append(literal.group(1));
        }
        List<String> found = List.of(options.toString().trim().split("\\s+"));
        assertThat(found).contains("-Xmx256m", "-XX:+UseSerialGC");
        return found;
    }

    private static String colour(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r > 200 && g < 60 && b < 60) {
            return "red";
        }
        return Math.abs(r - 0x60) < 16 && Math.abs(g - 0x60) < 16 && Math.abs(b - 0x60) < 16
                ? "grey"
                : "other";
    }
}
