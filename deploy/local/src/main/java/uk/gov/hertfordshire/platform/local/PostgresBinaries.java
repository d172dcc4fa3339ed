package uk.gov.hertfordshire.platform.local;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks the PostgreSQL binaries from Maven Central where Zonky looks for them, streaming.
 *
 * <p>Zonky's own unpacking holds the whole archive and every file in memory at once (more than 100
 * MB of heap for the first start); streaming lets the supervisor run in a 48 MB heap. The layout is
 * Zonky's ({@code <working dir>/PG-<md5 of archive>/} with a {@code .exists} marker), so Zonky
 * finds the binaries and skips its own step. Should that convention change, Zonky simply unpacks
 * them itself again (and needs the bigger heap).
 */
final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
    private static final PgBinaryResolver RESOLVER = DefaultPostgresBinaryResolver.INSTANCE;
    private static final String MARKER = ".exists";
    private static final String STAGING_PREFIX = "unpacking-";
    private static final Set<PosixFilePermission> READ_AND_EXECUTE =
            PosixFilePermissions.fromString("rwxr-xr-x");

    private PostgresBinaries() {}

    /**
     * The system's tar, reading the archive from its standard input into the directory named last.
     * With its xz it is several times faster than XZ for Java: on a fresh data folder PostgreSQL
     * was healthy about 3 s sooner (docs/benchmarks/jvm-settings.md, runs 11 and 12), and every
     * service's start waits for it.
     */
    static final List<String> SYSTEM_TAR = List.of("tar", "-xJf", "-", "--no-same-owner", "-C");

    /** How {@link #unpack} found or made the binaries. */
    enum Unpacked {
        ALREADY_THERE,
        BY_SYSTEM_TAR,
        IN_JAVA,
        LEFT_TO_ZONKY
    }

    static Unpacked unpack(Path workingDir) throws IOException {
        return unpack(workingDir, SYSTEM_TAR);
    }

    /**
     * Unpacks with {@code tarCommand} (the target directory appended), or in Java where that
     * command is missing or fails.
     */
    static Unpacked unpack(Path workingDir, List<String> tarCommand) throws IOException {
        String system = system();
        if (system == null) {
            return Unpacked.LEFT_TO_ZONKY; // Windows and others.
        }
        String architecture = architecture();
        Files.createDirectories(workingDir);
        removeAbandonedStaging(workingDir);

        String digest;
        try (InputStream archive = RESOLVER.getPgBinary(system, architecture)) {
            if (archive == null) {
                return Unpacked.LEFT_TO_ZONKY; // Zonky reports the missing binaries itself.
            }
            digest = md5(archive);
        }
        Path target = workingDir.resolve("PG-" + digest);
        if (Files.exists(target.resolve(MARKER))) {
            return Unpacked.ALREADY_THERE;
        }

        log.info("unpacking PostgreSQL binaries into {}", target);
        Path staging = Files.createTempDirectory(workingDir, STAGING_PREFIX);
        Unpacked how = Unpacked.BY_SYSTEM_TAR;
        if (!unpackWithTar(system, architecture, staging, tarCommand)) {
            log.info("{} could not unpack them; unpacking in Java", tarCommand.get(0));
            deleteTree(staging);
            staging = Files.createTempDirectory(workingDir, STAGING_PREFIX);
            unpackInJava(system, architecture, staging);
            how = Unpacked.IN_JAVA;
        }
        Files.setPosixFilePermissions(staging, READ_AND_EXECUTE);
        Files.createFile(staging.resolve(MARKER));
        // A directory without the marker is an interrupted unpack (ours or Zonky's): replace it.
        deleteTree(target);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return how;
    }

    /** How long the system's tar may take, the writing of the archive into it included. */
    private static final long TAR_MINUTES = 1;

    /**
     * True when the command unpacked the whole archive (it exits 0 only then). A command that
     * fails, or has not finished within {@link #TAR_MINUTES}, is stopped (with its own children,
     * its xz) and waited for before this returns, so nothing of it writes into {@code staging}
     * after.
     */
    private static boolean unpackWithTar(
            String system, String architecture, Path staging, List<String> tarCommand)
            throws InterruptedIOException {
        List<String> command = new ArrayList<>(tarCommand);
        command.add(staging.toString());
        Process tar;
        try {
            // Its messages go where the supervisor's own go: postgres.log.
            tar =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                            .start();
        } catch (IOException e) {
            return false; // no such command
        }
        // The deadline covers the writing too: a tar that stops reading without exiting would
        // otherwise hold the write (and the start) for good. Stopping it ends the write.
        CompletableFuture<Void> deadline = new CompletableFuture<>();
        deadline.completeOnTimeout(null, TAR_MINUTES, TimeUnit.MINUTES).thenRun(() -> stop(tar));
        try (InputStream archive = RESOLVER.getPgBinary(system, architecture);
                OutputStream input = tar.getOutputStream()) {
            archive.transferTo(input);
        } catch (IOException e) {
            stop(tar); // it stopped reading: it failed, or the deadline passed
        }
        try {
            int exit = tar.waitFor();
            if (exit != 0) {
                log.info("{} exited with {}", tarCommand.get(0), exit);
            }
            return exit == 0;
        } catch (InterruptedException e) {
            stop(tar);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while unpacking PostgreSQL's binaries");
        } finally {
            deadline.cancel(false); // finished in time: nothing left to stop
        }
    }

    private static void stop(Process process) {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void unpackInJava(String system, String architecture, Path staging)
            throws IOException {
        try (InputStream archive = RESOLVER.getPgBinary(system, architecture);
                TarArchiveInputStream tar =
                        new TarArchiveInputStream(
                                new XZInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                extract(tar, entry, staging);
            }
        }
    }

    private static void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path root)
            throws IOException {
        String name = entry.getName();
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("archive entry outside the target directory: " + name);
        }
        if (entry.isSymbolicLink() || entry.isLink()) {
            Files.createDirectories(path.getParent());
            Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isDirectory()) {
            Files.createDirectories(path);
        } else if (entry.isFile()) {
            Files.createDirectories(path.getParent());
            try (OutputStream out = Files.newOutputStream(path)) {
                tar.transferTo(out);
            }
            if (name.startsWith("bin/") || name.startsWith("./bin/")) {
                Files.setPosixFilePermissions(path, READ_AND_EXECUTE);
            }
        } else {
            throw new IOException("unsupported archive entry " + name);
        }
    }

    /** The names Zonky's resolver expects, as Zonky derives them. */
    private static String system() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "Linux";
        }
        if (os.startsWith("mac")) {
            return "Darwin";
        }
        return null;
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static String md5(InputStream in) throws IOException {
        try {
            DigestInputStream digesting =
                    new DigestInputStream(in, MessageDigest.getInstance("MD5"));
            digesting.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always available on the JVM", e);
        }
    }

    private static void removeAbandonedStaging(Path workingDir) throws IOException {
        try (Stream<Path> children = Files.list(workingDir)) {
            for (Path child : children.toList()) {
                if (child.getFileName().toString().startsWith(STAGING_PREFIX)) {
                    deleteTree(child);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
