package uk.gov.hertfordshire.cases.photos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Run in a JVM of its own by {@link PhotoDecodeMemoryTest}: with the rest of the heap taken, as the
 * decode budget assumes the rest of case-service takes it, cleans one photo several times at once
 * with the sanitiser as configured by default, and prints each outcome. An OutOfMemoryError ends
 * the JVM ({@code -XX:+ExitOnOutOfMemoryError}).
 *
 * <p>Arguments: the photo's file, how many uploads at once.
 */
public final class DecodeUnderSmallHeap {

    /** Head room the JVM itself needs beyond the service's objects and the decodes. */
    static final long HEADROOM = 24L * 1024 * 1024;

    private static final int CHUNK = 64 * 1024;

    private DecodeUnderSmallHeap() {}

    public static void main(String[] args) throws Exception {
        byte[] photo = Files.readAllBytes(Path.of(args[0]));
        int uploads = Integer.parseInt(args[1]);
        PhotoProperties limits =
                new Binder(
                                new MapConfigurationPropertySource(
                                        Map.of("platform.cases.photos.decode-wait", "120s")))
                        .bindOrCreate("platform.cases.photos", PhotoProperties.class);
        long rest = Runtime.getRuntime().maxMemory() - limits.decodeMemory().toBytes() - HEADROOM;
        List<byte[]> restOfTheService = new ArrayList<>();
        // Small objects, as a service's are (a large array would be a humongous G1 allocation).
        for (long held = 0; held < rest; held += CHUNK) {
            restOfTheService.add(new byte[CHUNK]);
        }
        PhotoSanitiser sanitiser =
                new PhotoSanitiser(
                        limits,
                        new DecodeBudget(limits.decodeMemory().toBytes(), limits.decodeWait()));
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            byte[] upload = photo.clone(); // each request holds its own copy
            outcomes.add(
                    pool.submit(
                            () -> {
                                try {
                                    PhotoSanitiser.CleanPhoto clean =
                                            sanitiser.sanitise("image/jpeg", upload);
                                    return "stored " + clean.width() + "x" + clean.height();
                                } catch (PhotoRefused refused) {
                                    return "refused " + refused.status().value();
                                }
                            }));
        }
        List<String> lines = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            lines.add(outcome.get());
        }
        pool.shutdown();
        lines.add("held " + restOfTheService.size() / 16 + " MB beside the decodes");
        Files.write(Path.of(args[2]), lines);
    }
}
