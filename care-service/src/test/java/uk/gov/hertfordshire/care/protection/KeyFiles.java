package uk.gov.hertfordshire.care.protection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Changes a care key file as an operator should: a new file moved into place whole, so an instance
 * looking at it meanwhile sees the old one or the new one, never half of one.
 */
public final class KeyFiles {

    private KeyFiles() {}

    /** Adds a new key under {@code id} and makes it the active one. */
    public static void addActiveKey(Path file, String id) throws IOException {
        edit(
                file,
                keys -> {
                    keys.setProperty("key." + id, CareKeys.newKey());
                    keys.setProperty("active", id);
                });
    }

    /**
     * Reads the file's properties, lets {@code change} alter them, and puts the result in place.
     */
    public static void edit(Path file, Consumer<Properties> change) throws IOException {
        Properties keys = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in);
        }
        change.accept(keys);
        Path next = Files.createTempFile(file.toAbsolutePath().getParent(), "keys", ".next");
        try (OutputStream out = Files.newOutputStream(next)) {
            keys.store(out, null);
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A key id no other test uses. */
    public static String newKeyId() {
        return "r" + Long.toHexString(System.nanoTime());
    }
}
