package uk.gov.hertfordshire.cases.photos;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Run in a JVM of its own by {@link PhotoDecodeMemoryTest}, with the platform's flags for a
 * service: holds {@link #REST_OF_SERVICE} of small live objects, as the rest of case-service does,
 * (and says so in the outcomes file), then cleans one photo {@code uploads} at a time, {@code
 * rounds} times over, and adds each outcome to the file (and writes the first clean photo beside
 * it). An OutOfMemoryError ends the JVM ({@code -XX:+ExitOnOutOfMemoryError}), so a run that
 * completes held every photo it was given.
 *
 * <p>Arguments: the photo's file ({@code write} and a file instead writes {@link
 * #turnedPhoneSizedPhoto} there), the outcomes file, uploads at once, rounds, how a photo is
 * cleaned: {@code sanitiser} (the real one, with the default limits) or {@code copy} (the way it
 * was cleaned before: decoded whole, then drawn turned into a second full-size image, one photo at
 * a time: the control that shows this JVM is small enough to be taken down), and optionally the
 * megabytes the rest of the service holds (default {@link #REST_OF_SERVICE}; the benchmark in
 * {@code docs/benchmarks/photo-decode-memory.md} varies it).
 */
public final class DecodeUnderSmallHeap {

    /**
     * What the rest of a running case-service keeps live on its heap (Spring, Kafka and JDBC
     * clients, caches), with a margin: see {@code docs/benchmarks/photo-decode-memory.md}.
     */
    static final long REST_OF_SERVICE = 64L * 1024 * 1024;

    private static final int CHUNK = 16 * 1024;

    private DecodeUnderSmallHeap() {}

    /**
     * The photo: 6000 × 4000 grey with a red square in the top-left corner as stored, and EXIF
     * orientation 6. Turned a quarter clockwise, the stored left edge becomes the top, so the
     * square lands in the top-right corner.
     */
    static byte[] turnedPhoneSizedPhoto() {
        BufferedImage image =
                new BufferedImage(
                        PhotoDecodeMemoryTest.WIDTH,
                        PhotoDecodeMemoryTest.HEIGHT,
                        BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(PhotoDecodeMemoryTest.GREY));
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setColor(new Color(PhotoDecodeMemoryTest.RED));
        graphics.fillRect(0, 0, PhotoDecodeMemoryTest.MARK, PhotoDecodeMemoryTest.MARK);
        graphics.dispose();
        return TestPhotos.withOrientation(TestPhotos.encode(image, "jpeg"), 6);
    }

    public static void main(String[] args) throws Exception {
        if ("write".equals(args[0])) { // for the benchmark: write the photo to a file, and stop
            Files.write(Path.of(args[1]), turnedPhoneSizedPhoto());
            return;
        }
        byte[] photo = Files.readAllBytes(Path.of(args[0]));
        Path outcomes = Path.of(args[1]);
        int uploads = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        boolean copy = "copy".equals(args[4]);
        long rest = args.length > 5 ? Long.parseLong(args[5]) * 1024 * 1024 : REST_OF_SERVICE;
        // Small objects, as a service's are, kept live to the end.
        List<byte[]> restOfTheService = new ArrayList<>();
        for (long filled = 0; filled < rest; filled += CHUNK) {
            restOfTheService.add(new byte[CHUNK]);
        }
        long held = restOfTheService.size() * (long) CHUNK;
        Files.write(outcomes, List.of("holding " + held / (1024 * 1024) + " MB"));
        PhotoProperties limits =
                new Binder(
                                new MapConfigurationPropertySource(
                                        // waiting is not what is shown here: nobody gives up
                                        Map.of("platform.cases.photos.decode-wait", "120s")))
                        .bindOrCreate("platform.cases.photos", PhotoProperties.class);
        PhotoSanitiser sanitiser =
                new PhotoSanitiser(
                        limits,
                        new MemoryBudget(limits.uploadMemory().toBytes(), limits.decodeWait()),
                        new MemoryBudget(limits.decodeMemory().toBytes(), limits.decodeWait()));
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        List<String> lines = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                byte[] upload = photo.clone(); // each request holds its own copy
                boolean first = round == 0 && i == 0;
                answers.add(
                        pool.submit(
                                () ->
                                        copy
                                                ? turnedByCopy(upload)
                                                : clean(sanitiser, upload, first, outcomes)));
            }
            for (Future<String> answer : answers) {
                lines.add(answer.get());
            }
        }
        pool.shutdown();
        lines.add(
                "still holding " + restOfTheService.size() * (long) CHUNK / (1024 * 1024) + " MB");
        Files.write(outcomes, lines, StandardOpenOption.APPEND);
    }

    private static String clean(
            PhotoSanitiser sanitiser, byte[] upload, boolean keepCopy, Path outcomes) {
        try {
            PhotoSanitiser.CleanPhoto clean = sanitiser.sanitise("image/jpeg", upload);
            if (keepCopy) {
                Files.write(outcomes.resolveSibling("clean.jpg"), clean.bytes());
            }
            return "stored " + clean.width() + "x" + clean.height();
        } catch (PhotoRefused refused) {
            return "refused " + refused.status().value() + " " + refused.getMessage();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Orientation 6 as it was applied before: the decoded image drawn into a second one. */
    private static synchronized String turnedByCopy(byte[] upload) {
        BufferedImage image = TestPhotos.decode(upload);
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform turn = new AffineTransform();
        turn.translate(h, 0);
        turn.rotate(Math.PI / 2);
        BufferedImage turned = new BufferedImage(h, w, image.getType());
        Graphics2D graphics = turned.createGraphics();
        graphics.drawImage(image, turn, null);
        graphics.dispose();
        return "stored " + turned.getWidth() + "x" + turned.getHeight();
    }
}
