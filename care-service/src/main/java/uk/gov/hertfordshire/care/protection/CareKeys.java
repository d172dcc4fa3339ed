package uk.gov.hertfordshire.care.protection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The care data keys, from a properties file outside the database: {@code key.<id>=<base64 of 32
 * bytes>} for each AES-256 data key ever used, {@code active=<id>} naming the one new writes use,
 * and {@code lookup=<base64 of 32 bytes>} for the keyed hash that finds an NHS number without
 * storing it. Rotating means adding a key, making it active, then re-encrypting ({@link
 * KeyRotation}); old keys stay until no row uses them.
 *
 * <p>Every instance follows the file by itself: {@link #reloadIfChanged()} runs every few seconds
 * ({@link CareKeysWatch}), so an instance does not go on sealing under a key the file no longer
 * makes active. Replace the file whole (write a new one and move it into place) rather than edit it
 * where it lies, so no instance reads it half written.
 */
public final class CareKeys {

    private static final Logger log = LoggerFactory.getLogger(CareKeys.class);
    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final int KEY_BYTES = 32;

    /** What {@link #reloadIfChanged()} last saw when the file could not even be looked at. */
    private static final FileStamp UNREADABLE = new FileStamp(null, -1, null);

    private final Path file;
    private volatile Snapshot current;

    /** The file as it was when last read (or tried), so an unchanged file is not read again. */
    private FileStamp seen;

    private CareKeys(Path file, Snapshot snapshot, FileStamp seen) {
        this.file = file;
        this.current = snapshot;
        this.seen = seen;
    }

    /**
     * Reads the key file again, so a key an operator added and made active is used from now on. The
     * lookup key must not change: every stored hash was made with it.
     *
     * @throws IllegalStateException if the file is not a valid key file or changes the lookup key;
     *     the keys loaded before stay
     */
    public synchronized void reload() throws IOException {
        FileStamp stamp = stamp(file);
        install(read(file));
        seen = stamp;
    }

    /**
     * Reloads the key file if it changed since it was last read: a look at its last-modified time,
     * size and identity, and a read only when one of them moved. A file that cannot be read, does
     * not parse or changes the lookup key leaves the keys as they are, with a warning (once per
     * change of the file).
     *
     * @return whether new keys were loaded
     */
    public synchronized boolean reloadIfChanged() {
        FileStamp stamp;
        try {
            stamp = stamp(file);
        } catch (IOException e) {
            if (seen != UNREADABLE) {
                log.warn(
                        "The care key file {} cannot be read ({}): keeping the keys loaded, active"
                                + " '{}'",
                        file,
                        e.toString(),
                        current.activeKeyId());
                seen = UNREADABLE;
            }
            return false;
        }
        if (stamp.equals(seen)) {
            return false;
        }
        // Taken before the read: a change made while reading shows as another change next time.
        seen = stamp;
        String before = current.activeKeyId();
        try {
            install(read(file));
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "The care key file {} changed but was not loaded ({}): keeping the keys loaded,"
                            + " active '{}'",
                    file,
                    e.getMessage(),
                    before);
            return false;
        }
        log.info(
                "The care key file {} changed: reloaded, active key '{}' (was '{}')",
                file,
                current.activeKeyId(),
                before);
        return true;
    }

    private void install(Snapshot next) {
        if (!java.security.MessageDigest.isEqual(
                next.lookupKey().getEncoded(), current.lookupKey().getEncoded())) {
            throw new IllegalStateException(
                    "the lookup key changed: stored NHS number hashes would no longer match");
        }
        current = next;
    }

    /**
     * Reads the key file; when it is missing and {@code createIfMissing}, writes a new one readable
     * by its owner only (local development: a key generated on first start under {@code ./data}).
     */
    public static CareKeys load(Path file, boolean createIfMissing) throws IOException {
        if (!Files.exists(file)) {
            if (!createIfMissing) {
                throw new IllegalStateException(
                        "care data key file " + file + " does not exist (platform.care.keys.file)");
            }
            writeNew(file);
        }
        FileStamp stamp = stamp(file);
        return new CareKeys(file, read(file), stamp);
    }

    private static FileStamp stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileStamp(
                attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    }

    private static Snapshot read(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("key.")) {
                String id = name.substring(4);
                if (!KEY_ID.matcher(id).matches()) {
                    throw new IllegalStateException(
                            "care key ids are lower-case letters and digits");
                }
                keys.put(id, aes(properties.getProperty(name), name));
            }
        }
        String active = properties.getProperty("active");
        String lookup = properties.getProperty("lookup");
        if (active == null || lookup == null) {
            throw new IllegalStateException("the care key file needs 'active' and 'lookup'");
        }
        if (!keys.containsKey(active.strip())) {
            throw new IllegalStateException("the active care data key is not in the key file");
        }
        return new Snapshot(Map.copyOf(keys), active.strip(), hmac(lookup));
    }

    /** A fresh random key, base64-encoded, for an operator adding one to the file. */
    public static String newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void writeNew(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Properties properties = new Properties();
        properties.setProperty("key.k1", newKey());
        properties.setProperty("active", "k1");
        properties.setProperty("lookup", newKey());
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions have to do
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "care-service data keys: keep secret, keep backed up");
        }
    }

    private static SecretKey aes(String base64, String name) {
        byte[] bytes = decode(base64, name);
        return new SecretKeySpec(bytes, "AES");
    }

    private static SecretKey hmac(String base64) {
        return new SecretKeySpec(decode(base64, "lookup"), "HmacSHA256");
    }

    private static byte[] decode(String base64, String name) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("care key '" + name + "' is not base64");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("care key '" + name + "' must be 32 bytes");
        }
        return bytes;
    }

    /** The id of the key new values are sealed under. */
    public String activeKeyId() {
        return current.activeKeyId();
    }

    SecretKey dataKey(String id) {
        SecretKey key = current.dataKeys().get(id);
        if (key == null) {
            throw new IllegalStateException("care data key '" + id + "' is not in the key file");
        }
        return key;
    }

    SecretKey lookupKey() {
        return current.lookupKey();
    }

    /** A file's last-modified time, size and identity (inode where there is one). */
    private record FileStamp(FileTime modified, long size, Object identity) {}

    private record Snapshot(
            Map<String, SecretKey> dataKeys, String activeKeyId, SecretKey lookupKey) {}
}
