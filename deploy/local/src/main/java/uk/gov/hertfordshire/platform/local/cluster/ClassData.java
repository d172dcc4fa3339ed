package uk.gov.hertfordshire.platform.local.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Spring Boot application of the single-copy platform run from its extracted jar with a class
 * data sharing archive (ADR 47), in {@code <data>/apps/<component>/}:
 *
 * <ul>
 *   <li>the jar extracted by Spring Boot's own tool ({@code java -Djarmode=tools -jar x.jar
 *       extract}: {@code x.jar} and {@code lib/}, a plain class path a JDK 17 archive can cover,
 *       where the executable jar's nested jars cannot be), and {@code extracted-from}, the built
 *       jar's path, size and modification time, written last: a jar built since is extracted again,
 *       and the archive goes with the old extraction;
 *   <li>{@code classes.jsa}, a dynamic archive the JVM writes when it exits ({@code
 *       -XX:ArchiveClassesAtExit}) after a start without one, and maps on every later start ({@code
 *       -XX:SharedArchiveFile});
 *   <li>{@code classes.jsa.made}, what the archive was made with (the JDK, the JVM options, the
 *       extraction) and its size, written by {@code ./platform down} once a JVM that was healthy
 *       has exited by itself and left the archive whole. An archive is used only while this
 *       matches: a JDK 17 JVM given an archive cut short can crash, one given a stale archive
 *       merely ignores it. A start that maps the archive and dies before it is healthy drops it.
 * </ul>
 *
 * @param jar the built executable jar
 * @param home its folder under {@code <data>/apps}
 * @param options the JVM options the application runs with (the key's part of them)
 */
record ClassData(Path jar, Path home, String options) {

    /** {@code PLATFORM_CDS=off} runs the built jars as before, without extraction or archive. */
    static final String SWITCH = "PLATFORM_CDS";

    /** The JVM options a user's own class data sharing comes with: then the launcher adds none. */
    static final List<String> OWN_SHARING =
            List.of(
                    "SharedArchiveFile",
                    "ArchiveClassesAtExit",
                    "AutoCreateSharedArchive",
                    "-Xshare");

    private static final long EXTRACTION_MINUTES = 2;

    /**
     * The first four bytes of a dynamic archive (JDK 17 to 25), in the machine's byte order: the
     * JVM writes the archive's header, which begins with them, after everything else.
     */
    private static final int DYNAMIC_ARCHIVE_MAGIC = 0xf00baba8;

    /** The jar the JVM runs: the application's, extracted, with {@code lib/} beside it. */
    Path extractedJar() {
        return home.resolve(jar.getFileName());
    }

    Path archive() {
        return home.resolve("classes.jsa");
    }

    Path made() {
        return home.resolve("classes.jsa.made");
    }

    /** Written when a JVM starts without an archive; its key, sealed as {@link #made()} later. */
    Path training() {
        return home.resolve("classes.jsa.training");
    }

    Path source() {
        return home.resolve("extracted-from");
    }

    /**
     * The key of a start whose JVM left no archive though it was stopped as {@code down} stops it
     * (SIGTERM, gone in time): its dump failed, and would fail again with the same key, see {@link
     * #noteDumpFailed}.
     */
    Path failed() {
        return home.resolve("classes.jsa.failed");
    }

    /** The built jar as {@code extracted-from} records it. */
    String jarStamp() throws IOException {
        return jar
                + " size "
                + Files.size(jar)
                + " modified "
                + Files.getLastModifiedTime(jar).toMillis();
    }

    /** Whether the extraction is of the jar as it is now. */
    boolean extractionCurrent() {
        try {
            return Files.isRegularFile(source())
                    && Files.isRegularFile(extractedJar())
                    && Files.readString(source()).equals(jarStamp());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts Spring Boot's extraction into a folder beside {@link #home()}; see {@link #finish}.
     * The built jar's stamp is taken now, so a jar built again while it is extracted is extracted
     * again at the next start.
     */
    Process startExtraction() {
        try {
            Path staging = staging();
            deleteTree(staging);
            Files.createDirectories(staging.getParent());
            Files.writeString(stagingStamp(), jarStamp());
            return new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-Djarmode=tools",
                            "-jar",
                            jar.toString(),
                            "extract",
                            "--destination",
                            staging.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(
                                    staging.resolveSibling(home.getFileName() + ".extract.log")
                                            .toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + jar, e);
        }
    }

    /**
     * Waits for the extraction, then puts it in place of the old one (and the old one's archive):
     * the stamp taken when it started goes in before the move, so a folder in place is always
     * whole.
     */
    void finish(Process extraction) {
        Path staging = staging();
        Path log = staging.resolveSibling(home.getFileName() + ".extract.log");
        try {
            boolean done = extraction.waitFor(EXTRACTION_MINUTES, TimeUnit.MINUTES);
            if (!done
                    || extraction.exitValue() != 0
                    || !Files.isRegularFile(staging.resolve(jar.getFileName()))) {
                extraction.destroyForcibly();
                throw new ClusterException(
                        "extracting "
                                + jar
                                + " failed (java -Djarmode=tools -jar ... extract); see "
                                + log
                                + " (PLATFORM_CDS=off runs the jar as it is)");
            }
            Files.move(stagingStamp(), staging.resolve(source().getFileName()));
            deleteTree(home);
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + jar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            extraction.destroyForcibly();
            throw new ClusterException("interrupted");
        }
    }

    private Path staging() {
        return home.resolveSibling(home.getFileName() + ".extracting");
    }

    /** The built jar's stamp when its extraction started, until {@link #finish} moves it in. */
    private Path stagingStamp() {
        return home.resolveSibling(home.getFileName() + ".extracting-from");
    }

    /**
     * What the archive must have been made with to be used: the folder, the JDK, the JVM options
     * and the extraction (whose stamp changes with every build of the jar).
     */
    String key() {
        String extraction;
        try {
            extraction = Files.isRegularFile(source()) ? Files.readString(source()) : "none";
        } catch (IOException e) {
            extraction = "unreadable";
        }
        // The folder too: the JVM checks the class path's paths, so a copied data folder's
        // archive is ignored by the JVM and must be made again.
        return "at "
                + home.toAbsolutePath()
                + "\njdk "
                + System.getProperty("java.home")
                + " "
                + System.getProperty("java.vm.version")
                + "\noptions "
                + options
                + "\njar "
                + extraction
                + "\n";
    }

    /** Whether {@link #archive()} was sealed for this key and is still the size it was then. */
    boolean archiveReady() {
        try {
            return Files.isRegularFile(archive())
                    && Files.isRegularFile(made())
                    && Files.readString(made())
                            .equals(key() + "size " + Files.size(archive()) + "\n");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Map the archive where one is ready, otherwise write one when the JVM exits, unless a JVM with
     * the same key failed to ({@link #noteDumpFailed}): then neither.
     */
    List<String> jvmOptions() {
        if (archiveReady()) {
            return List.of("-XX:SharedArchiveFile=" + archive());
        }
        return dumpFailed() ? List.of() : List.of("-XX:ArchiveClassesAtExit=" + archive());
    }

    /** Whether a JVM with this key failed to write its archive ({@link #failed()}). */
    boolean dumpFailed() {
        try {
            return Files.isRegularFile(failed()) && Files.readString(failed()).equals(key());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Before a start: an archive that is not ready (made with another JDK, other options or another
     * build, or never sealed) is deleted, and the key this start will make one with is written for
     * {@link #afterStop}.
     */
    void beforeStart() {
        try {
            if (archiveReady()) {
                Files.deleteIfExists(training());
                return;
            }
            Files.deleteIfExists(archive());
            Files.deleteIfExists(made());
            if (dumpFailed()) {
                Files.deleteIfExists(training()); // this start writes none
                return;
            }
            Files.deleteIfExists(failed());
            Files.writeString(training(), key());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Before {@link #afterStop}: a JVM started to write the archive that left none, though it was
     * healthy when stopped by SIGTERM and went by itself, failed its dump. JDK 17 does so every
     * time for an application that made a lambda of an interface from a signed jar (care-service,
     * with Saxon-HE: a SIGSEGV in the dump, jvm-settings.md run 7), whether it left no file or one
     * cut short (without its header). Its key is recorded, so the starts with the same key write no
     * archive ({@link #jvmOptions()}), rather than crash at every {@code down}; another build, JDK
     * or options try again.
     *
     * @param killed whether the JVM had to be killed
     * @param writing whether its command line had {@link #writingOption()}
     * @param healthy whether it answered its health check when it was stopped
     * @return whether it recorded a failed dump
     */
    boolean noteDumpFailed(boolean killed, boolean writing, boolean healthy) {
        try {
            if (!writing
                    || !healthy
                    || killed
                    || !Files.isRegularFile(training())
                    || archiveWhole()) {
                return false;
            }
            Files.copy(training(), failed(), StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The option a JVM writing this archive on its way out was started with. */
    String writingOption() {
        return "-XX:ArchiveClassesAtExit=" + archive();
    }

    /**
     * After the JVM has gone: the archive a start without one wrote on its way out is sealed,
     * unless the JVM had to be killed (its archive may be cut short), was not started to write it
     * (a start with {@code PLATFORM_CDS=off} or sharing of its own, after an earlier start left its
     * training record and whatever file it wrote), was not healthy when stopped (a start cut short
     * holds less), or left the file without its header (a JVM that died writing it, of a full disk
     * say): then the file is deleted.
     *
     * @param killed whether the JVM had to be killed
     * @param writing whether its command line had {@link #writingOption()}
     * @param healthy whether it answered its health check when it was stopped
     */
    void afterStop(boolean killed, boolean writing, boolean healthy) {
        try {
            if (!Files.isRegularFile(training())) {
                return;
            }
            String key = Files.readString(training());
            if (writing && healthy && !killed && archiveWhole()) {
                Files.writeString(made(), key + "size " + Files.size(archive()) + "\n");
            } else {
                Files.deleteIfExists(archive());
            }
            Files.delete(training());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the archive begins with its header: the JVM writes that last, so a file without it
     * was cut short (and one with it is whole, as the JVM deletes a file it failed to write).
     */
    private boolean archiveWhole() throws IOException {
        if (!Files.isRegularFile(archive())) {
            return false;
        }
        try (InputStream in = Files.newInputStream(archive())) {
            byte[] start = in.readNBytes(Integer.BYTES);
            return start.length == Integer.BYTES
                    && ByteBuffer.wrap(start).order(ByteOrder.nativeOrder()).getInt()
                            == DYNAMIC_ARCHIVE_MAGIC;
        }
    }

    /**
     * After a start that mapped the archive died before it was healthy: the archive and its record
     * are deleted, so the next start writes a new one. A JDK 17 JVM crashes (SIGBUS) on an archive
     * whose end is missing; whatever killed this start, a new archive costs one slower start.
     */
    void afterFailedStart() {
        try {
            if (archiveReady()) {
                Files.deleteIfExists(made());
                Files.deleteIfExists(archive());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
