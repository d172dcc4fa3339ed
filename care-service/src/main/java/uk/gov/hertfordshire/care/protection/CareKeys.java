package uk.gov.hertfordshire.care.protection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The care data keys, from a properties file outside the database: {@code key.<id>=<base64 of 32
 * bytes>} for each AES-256 data key ever used, {@code active=<id>} naming the one new writes use,
 * and {@code lookup=<base64 of 32 bytes>} for the keyed hash that finds an NHS number without
 * storing it. Rotating means adding a key, making it active, then re-encrypting ({@link
 * KeyRotation}); old keys stay until no row uses them.
 */
public final class CareKeys {

    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final int KEY_BYTES = 32;

    private final Path file;
    private volatile Snapshot current;

    private CareKeys(Path file, Snapshot snapshot) {
        this.file = file;
        this.current = snapshot;
    }

    /**
     * Reads the key file again, so a key an operator added and made active is used from now on. The
     * lookup key must not change: every stored hash was made with it.
     */
    public synchronized void reload() throws IOException {
        Snapshot next = read(file);
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
        return new CareKeys(file, read(file));
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

    String activeKeyId() {
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

    private record Snapshot(
            Map<String, SecretKey> dataKeys, String activeKeyId, SecretKey lookupKey) {}
}
