package uk.gov.hertfordshire.platform.local.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application's extracted jar and class data archive (ADR 47), with real files and real JVMs of
 * this JDK: a small application laid out as Spring Boot's extraction lays one out ({@code app.jar}
 * whose manifest's {@code Class-Path} names {@code lib/lib.jar}), trained, stopped with SIGTERM as
 * {@code ./platform down} stops it, and started again.
 */
class ClassDataTest {

    static final String OPTIONS = "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    /** The JDK's own archive, which a dynamic archive extends: without it none can be written. */
    private static final Path BASE_ARCHIVE =
            Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa");

    @TempDir Path dir;

    private Path built;
    private ClassData classData;

    @BeforeEach
    void anExtractedApplication() throws IOException {
        // The built jar: its contents do not matter here, only its size and time.
        built = dir.resolve("target/app.jar");
        Files.createDirectories(built.getParent());
        Files.writeString(built, "a Spring Boot executable jar");
        classData = new ClassData(built, dir.resolve("data/apps/app"), OPTIONS);
        Path classes = dir.resolve("classes");
        compile(
                classes,
                "lib/Lib.java",
                "package lib; public class Lib { public static String hello() { return \"hello\"; } }",
                "app/Main.java",
                // Prints, then with an argument waits until the JVM is stopped.
                "package app; public class Main { public static void main(String[] a) throws"
                        + " Exception { java.io.PrintStream out = new java.io.PrintStream(new"
                        + " java.io.FileOutputStream(java.io.FileDescriptor.out), true);"
                        + " out.println(lib.Lib.hello()); if (a.length > 0) { synchronized"
                        + " (Main.class) { Main.class.wait(); } } } }");
        Files.createDirectories(classData.home().resolve("lib"));
        jar(classes, "lib/", classData.home().resolve("lib/lib.jar"), null, null);
        jar(classes, "app/", classData.extractedJar(), "app.Main", "lib/lib.jar");
        // What ClassData.finish writes once Spring Boot's extraction has succeeded.
        Files.writeString(classData.source(), classData.jarStamp());
    }

    @Test
    void anExtractionIsCurrentUntilTheJarIsBuiltAgain() throws IOException {
        assertThat(classData.extractionCurrent()).isTrue();

        // Rebuilt with the same size: the time tells.
        Files.setLastModifiedTime(
                built, FileTime.fromMillis(Files.getLastModifiedTime(built).toMillis() + 1_000));
        assertThat(classData.extractionCurrent()).isFalse();

        Files.writeString(classData.source(), classData.jarStamp());
        assertThat(classData.extractionCurrent()).isTrue();
        Files.writeString(built, "a Spring Boot executable jar, built again");
        assertThat(classData.extractionCurrent()).isFalse();
        // An extraction without its stamp (cut short) is not current either.
        Files.writeString(classData.source(), classData.jarStamp());
        Files.delete(classData.source());
        assertThat(classData.extractionCurrent()).isFalse();
    }

    @Test
    void aJvmThatDiesOnItsWayOutWithoutAnArchiveIsNotAskedAgainUntilItsKeyChanges()
            throws Exception {
        // An application that, stopped by SIGTERM, dies before its archive is written: what
        // JDK 17's care-service does, its dump crashing (SIGSEGV) on a lambda of an interface
        // from a signed jar (Saxon-HE).
        Path classes = dir.resolve("dying");
        compile(
                classes,
                "app/Main.java",
                "package app; public class Main { public static void main(String[] a) throws"
                        + " Exception { Runtime.getRuntime().addShutdownHook(new Thread(() -> {"
                        + " try { new ProcessBuilder(\"kill\", \"-KILL\","
                        + " String.valueOf(ProcessHandle.current().pid())).start().waitFor(); }"
                        + " catch (Exception e) { throw new IllegalStateException(e); } }));"
                        + " java.io.PrintStream out = new java.io.PrintStream(new"
                        + " java.io.FileOutputStream(java.io.FileDescriptor.out), true);"
                        + " out.println(\"hello\"); synchronized (Main.class) {"
                        + " Main.class.wait(); } } }");
        jar(classes, "app/", classData.extractedJar(), "app.Main", "lib/lib.jar");
        classData.beforeStart();
        Process dying = start(classData.jvmOptions(), "wait");
        assertThat(dying.info().arguments().orElseThrow()).contains(classData.writingOption());
        stopAsTheLauncherDoes(dying);
        assertThat(classData.archive()).doesNotExist();

        // Had it not answered its health check when stopped (a start cut short, or stopped
        // before it handles SIGTERM), its missing archive would say nothing of its dump.
        assertThat(classData.noteDumpFailed(false, true, false)).isFalse();
        assertThat(classData.failed()).doesNotExist();
        assertThat(classData.noteDumpFailed(false, true, true)).isTrue();
        classData.afterStop(false, true, true);
        classData.beforeStart();
        // The next start with the same key writes none (and so does not die at every down) ...
        assertThat(classData.jvmOptions()).isEmpty();
        assertThat(classData.training()).doesNotExist();
        assertThat(classData.noteDumpFailed(false, false, true)).isFalse();
        // ... while other options (or another JDK, or another build) try again.
        ClassData otherOptions = new ClassData(built, classData.home(), OPTIONS + " -Xss512k");
        otherOptions.beforeStart();
        assertThat(otherOptions.jvmOptions()).containsExactly(otherOptions.writingOption());
        assertThat(otherOptions.failed()).doesNotExist();
    }

    @Test
    void aDumpThatDiedPartWayLeavesAFileWithoutItsHeaderAndIsAFailedDumpToo() throws Exception {
        // A JVM that crashed while writing leaves the first part of the file, not the header it
        // writes last; the control beside it is the whole archive below, no failure.
        classData.beforeStart();
        Files.write(classData.archive(), new byte[4096]);
        assertThat(classData.noteDumpFailed(false, true, true)).isTrue();
        classData.afterStop(false, true, true);
        assertThat(classData.archive()).doesNotExist();
        classData.beforeStart();
        assertThat(classData.jvmOptions()).isEmpty();
    }

    @Test
    void aJvmKilledByTheLauncherOrOneThatWroteItsArchiveIsNoFailedDump() throws Exception {
        // Killed after down's time-out: the launcher's doing, not the dump's; asked again.
        classData.beforeStart();
        Process killed = start(classData.jvmOptions(), "wait");
        killed.destroyForcibly();
        killed.waitFor(10, TimeUnit.SECONDS);
        assertThat(classData.archive()).doesNotExist();
        assertThat(classData.noteDumpFailed(true, true, true)).isFalse();
        classData.afterStop(true, true, true);
        classData.beforeStart();
        assertThat(classData.jvmOptions()).containsExactly(classData.writingOption());

        // Stopped as down stops it, it writes its archive: no failure, the archive sealed.
        Process writer = start(classData.jvmOptions(), "wait");
        stopAsTheLauncherDoes(writer);
        assertThat(classData.noteDumpFailed(false, true, true)).isFalse();
        classData.afterStop(false, true, true);
        assertThat(classData.failed()).doesNotExist();
        assertThat(classData.archiveReady()).isTrue();
    }

    @Test
    void theFirstStartWritesTheArchiveWhenStoppedAndTheNextMapsIt() throws Exception {
        classData.beforeStart();
        assertThat(classData.jvmOptions())
                .containsExactly("-XX:ArchiveClassesAtExit=" + classData.archive());

        Process training = start(classData.jvmOptions(), "wait");
        stopAsTheLauncherDoes(training);
        classData.afterStop(false, true, true);

        assertThat(classData.archiveReady()).isTrue();
        assertThat(classData.jvmOptions())
                .containsExactly("-XX:SharedArchiveFile=" + classData.archive());
        List<String> log = run(classData.jvmOptions(), "-Xlog:class+load=info");
        // Both the application's class and the library's come from the archive, not the jars.
        assertThat(log)
                .anyMatch(l -> l.contains("app.Main source: shared objects file (top)"))
                .anyMatch(l -> l.contains("lib.Lib source: shared objects file (top)"))
                .contains("hello");
    }

    @Test
    void otherJvmOptionsOrAnotherBuildMakeANewArchive() throws Exception {
        train();
        ClassData sameOptions = new ClassData(built, classData.home(), OPTIONS);
        ClassData otherOptions = new ClassData(built, classData.home(), OPTIONS + " -Xss512k");
        assertThat(sameOptions.archiveReady()).isTrue();
        assertThat(otherOptions.archiveReady()).isFalse();

        otherOptions.beforeStart();
        assertThat(classData.archive()).doesNotExist();
        assertThat(otherOptions.jvmOptions())
                .containsExactly("-XX:ArchiveClassesAtExit=" + classData.archive());

        train();
        assertThat(classData.archiveReady()).isTrue();
        // A copied data folder (a benchmark's template): the JVM would ignore the archive, since
        // it names the jars by path, so the copy makes its own.
        Path copy = dir.resolve("copy/apps/app");
        Files.createDirectories(copy);
        for (Path file : List.of(classData.archive(), classData.made(), classData.source())) {
            Files.copy(file, copy.resolve(file.getFileName()));
        }
        assertThat(new ClassData(built, copy, OPTIONS).archiveReady()).isFalse();
        // A new build is extracted again with a new stamp: the archive no longer matches.
        Files.writeString(built, "a Spring Boot executable jar, built again");
        Files.writeString(classData.source(), classData.jarStamp());
        assertThat(classData.archiveReady()).isFalse();
    }

    @Test
    void anArchiveCutShortOrOfAKilledJvmIsNeverMapped() throws Exception {
        classData.beforeStart();
        Process training = start(classData.jvmOptions(), "wait");
        training.destroyForcibly(); // SIGKILL: ./platform down after its time-out
        training.waitFor(10, TimeUnit.SECONDS);
        Files.write(classData.archive(), new byte[] {1, 2, 3}); // whatever it left
        classData.afterStop(true, true, true);
        assertThat(classData.archive()).doesNotExist();
        assertThat(classData.archiveReady()).isFalse();

        train();
        assertThat(classData.archiveReady()).isTrue();
        // JDK 17 crashes (SIGBUS) on an archive whose end is missing: its size is sealed.
        byte[] whole = Files.readAllBytes(classData.archive());
        Files.write(classData.archive(), Arrays.copyOf(whole, whole.length / 2));
        assertThat(classData.archiveReady()).isFalse();
        assertThat(classData.jvmOptions()).noneMatch(o -> o.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void onlyAJvmStartedToWriteTheArchiveHasItSealed() throws Exception {
        // An earlier start left its training record and a file (killed outside the launcher);
        // this one ran without writing (PLATFORM_CDS=off, or sharing of its own), so stopped
        // by itself it seals nothing and the file goes.
        classData.beforeStart();
        Files.write(classData.archive(), new byte[] {1, 2, 3});
        classData.afterStop(false, false, true);
        assertThat(classData.archive()).doesNotExist();
        assertThat(classData.training()).doesNotExist();
        assertThat(classData.archiveReady()).isFalse();

        // The control: the same, started to write it, is sealed.
        classData.beforeStart();
        Process writer = start(classData.jvmOptions(), "wait");
        assertThat(writer.info().arguments().orElseThrow()).contains(classData.writingOption());
        stopAsTheLauncherDoes(writer);
        classData.afterStop(false, true, true);
        assertThat(classData.archiveReady()).isTrue();
    }

    @Test
    void anArchiveWithoutItsHeaderIsNeverSealed() throws Exception {
        // A JVM that died writing its archive (of a full disk, say) was not killed by the
        // launcher, but its file lacks the header, which the JVM writes after everything else: a
        // dump cut short leaves zeros where the header goes.
        classData.beforeStart();
        stopAsTheLauncherDoes(start(classData.jvmOptions(), "wait"));
        byte[] whole = Files.readAllBytes(classData.archive());
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        Arrays.fill(cut, 0, 4096, (byte) 0);
        rewrite(classData.archive(), cut);
        classData.afterStop(false, true, true);
        assertThat(classData.archive()).doesNotExist();
        assertThat(classData.archiveReady()).isFalse();

        // The control: the same file whole is sealed.
        classData.beforeStart();
        rewrite(classData.archive(), whole);
        classData.afterStop(false, true, true);
        assertThat(classData.archiveReady()).isTrue();
    }

    @Test
    void onlyAJvmThatWasHealthyWhenStoppedHasItsArchiveSealed() throws Exception {
        // Stopped before it was healthy (./platform down during a start): its archive is whole,
        // but holds only what a start cut short loaded, so the next start writes another.
        classData.beforeStart();
        stopAsTheLauncherDoes(start(classData.jvmOptions(), "wait"));
        classData.afterStop(false, true, false);
        assertThat(classData.archive()).doesNotExist();
        assertThat(classData.archiveReady()).isFalse();

        // The control: the same, healthy when stopped.
        classData.beforeStart();
        stopAsTheLauncherDoes(start(classData.jvmOptions(), "wait"));
        classData.afterStop(false, true, true);
        assertThat(classData.archiveReady()).isTrue();
    }

    @Test
    void aStartThatDiedWithTheArchiveMappedDropsItAndTheNextWritesOne() throws Exception {
        train();
        assertThat(classData.jvmOptions())
                .containsExactly("-XX:SharedArchiveFile=" + classData.archive());

        classData.afterFailedStart();

        assertThat(classData.archive()).doesNotExist();
        assertThat(classData.made()).doesNotExist();
        classData.beforeStart();
        assertThat(classData.jvmOptions()).containsExactly(classData.writingOption());
        train();
        assertThat(classData.archiveReady()).isTrue();
    }

    @Test
    void theStampRecordedIsTheJarsWhenItsExtractionStarted() throws Exception {
        Path tool = dir.resolve("tool/app.jar");
        FakeBoot.jar(tool);
        ClassData extracted = new ClassData(tool, dir.resolve("data/apps/tool"), OPTIONS);

        // The control: extracted, and not built again meanwhile: current.
        extracted.finish(extracted.startExtraction());
        assertThat(extracted.extractedJar()).isRegularFile();
        assertThat(extracted.extractionCurrent()).isTrue();

        // Built again while it was extracted: the extraction may hold the old contents, so it is
        // not current and the next start extracts again.
        Process extraction = extracted.startExtraction();
        assertThat(extraction.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.setLastModifiedTime(
                tool, FileTime.fromMillis(Files.getLastModifiedTime(tool).toMillis() + 1_000));
        extracted.finish(extraction);
        assertThat(extracted.extractedJar()).isRegularFile();
        assertThat(extracted.extractionCurrent()).isFalse();
    }

    @Test
    void theJvmIgnoresAnArchiveWhoseJarsChangedAndStartsAnyway() throws Exception {
        train();
        List<String> options = classData.jvmOptions();
        assertThat(options).containsExactly("-XX:SharedArchiveFile=" + classData.archive());
        // A library jar of another time than the archive recorded (what a new extraction is).
        Path lib = classData.home().resolve("lib/lib.jar");
        Files.setLastModifiedTime(
                lib, FileTime.fromMillis(Files.getLastModifiedTime(lib).toMillis() + 5_000));

        List<String> log = run(options, "-Xlog:class+load=info");

        assertThat(log)
                .contains("hello")
                .anyMatch(l -> l.contains("lib.Lib source: file:"))
                .noneMatch(l -> l.contains("shared objects file (top)"));
    }

    // --- Helpers --------------------------------------------------------------------------------

    private void train() throws Exception {
        classData.beforeStart();
        stopAsTheLauncherDoes(start(classData.jvmOptions(), "wait"));
        classData.afterStop(false, true, true);
    }

    /** Skips, loudly, on a JDK without the base archive that a dynamic archive extends. */
    static void assumeABaseArchive() {
        assumeTrue(
                Files.isRegularFile(BASE_ARCHIVE),
                "SKIPPED, NOT PASSED: this JDK has no base class data archive ("
                        + BASE_ARCHIVE
                        + "): a JVM on it writes none of ADR 47's archives, and one started with"
                        + " -XX:ArchiveClassesAtExit does not start, so ./platform up runs"
                        + " the built jars on it. `java -Xshare:dump` by the JDK's owner makes"
                        + " one.");
    }

    private Process start(List<String> archive, String... args) throws IOException {
        assumeABaseArchive();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(OPTIONS.split(" ")));
        command.addAll(archive);
        command.add("-jar");
        command.add(classData.extractedJar().toString());
        command.addAll(List.of(args));
        // In the test's folder: a JVM that crashes leaves its hs_err file there.
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
    }

    /** SIGTERM once the application is up, then wait: the JVM writes its archive on the way out. */
    private static void stopAsTheLauncherDoes(Process process) throws Exception {
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("hello");
        Processes.signal(process.pid(), "TERM");
        assertThat(Processes.waitGone(List.of(process.pid()), Duration.ofSeconds(30))).isTrue();
        out.lines().forEach(l -> {}); // drain what it printed while dumping
    }

    /** As the JVM leaves it: read-only, so replaced rather than written over. */
    private static void rewrite(Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(file);
        Files.write(file, bytes);
    }

    private List<String> run(List<String> archive, String... jvm) throws Exception {
        List<String> options = new ArrayList<>(archive);
        options.addAll(List.of(jvm));
        Process process = start(options);
        List<String> lines;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines = out.lines().toList();
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    static void compile(Path out, String... namesAndSources) throws IOException {
        Path sources = out.resolveSibling("sources");
        List<String> args = new ArrayList<>(List.of("-d", out.toString()));
        for (int i = 0; i < namesAndSources.length; i += 2) {
            Path file = sources.resolve(namesAndSources[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, namesAndSources[i + 1]);
            args.add(file.toString());
        }
        Files.createDirectories(out);
        assertThat(
                        ToolProvider.getSystemJavaCompiler()
                                .run(null, null, null, args.toArray(new String[0])))
                .isZero();
    }

    static void jar(Path classes, String prefix, Path jar, String mainClass, String classPath)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            try (var paths = Files.walk(classes.resolve(prefix))) {
                for (Path p : paths.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString()));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
        }
    }
}
