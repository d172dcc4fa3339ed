package uk.gov.hertfordshire.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RSA signing keys, kept as a JWK set file in the key directory so that tokens issued before a
 * restart still validate after it. The first key signs; the others stay published in the JWKS after
 * a rotation so that tokens they signed keep validating until they expire.
 */
final class SigningKeys {

    /** The active key and the two before it: older keys only sign tokens long expired. */
    static final int MAX_KEYS = 3;

    static final String FILE_NAME = "jwks.json";

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;
    private volatile List<RSAKey> keys; // newest first; replaced whole, never changed in place

    SigningKeys(Path directory) {
        this.file = directory.toAbsolutePath().normalize().resolve(FILE_NAME);
        if (Files.exists(file)) {
            keys = load(file);
            log.info("Loaded {} signing key(s) from {}; active key {}", keys.size(), file, kid());
        } else {
            keys = List.of(generate());
            save();
            log.info("Created signing key {} in {}", kid(), file);
        }
    }

    /** The key that signs new tokens. */
    RSAKey active() {
        return keys.get(0);
    }

    /** Key ids, newest (active) first. */
    List<String> keyIds() {
        return keys.stream().map(JWK::getKeyID).toList();
    }

    /**
     * Makes a new key the signing key and keeps the previous ones published, up to {@link
     * #MAX_KEYS} in all. Saved before it takes effect, so a crash cannot lose a key that signed a
     * token.
     */
    synchronized RSAKey rotate() {
        List<RSAKey> rotated = new ArrayList<>(MAX_KEYS);
        rotated.add(generate());
        rotated.addAll(keys.subList(0, Math.min(keys.size(), MAX_KEYS - 1)));
        write(rotated);
        keys = List.copyOf(rotated);
        log.info("Rotated signing keys: active {}, published {}", kid(), keyIds());
        return active();
    }

    /** Every published key: what the JWKS endpoints serve (public parts only). */
    JWKSource<SecurityContext> published() {
        return (selector, context) -> selector.select(new JWKSet(List.<JWK>copyOf(keys)));
    }

    /**
     * The active key only: what the token encoder signs with. Nimbus refuses to choose between
     * several matching keys, and a token must never be signed with a retired one.
     */
    JWKSource<SecurityContext> signing() {
        return (selector, context) -> selector.select(new JWKSet(active()));
    }

    Path file() {
        return file;
    }

    private String kid() {
        return active().getKeyID();
    }

    private void save() {
        write(keys);
    }

    private void write(List<RSAKey> toWrite) {
        String json = new JWKSet(List.<JWK>copyOf(toWrite)).toString(false); // with private parts
        try {
            Path directory = file.getParent();
            if (POSIX) {
                Files.createDirectories(
                        directory, attributes(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
            // Written to a new owner-only file and moved into place: a reader never sees half a
            // key set, and the private keys are never readable by others, not even briefly.
            Path temporary =
                    POSIX
                            ? Files.createTempFile(
                                    directory,
                                    FILE_NAME,
                                    ".tmp",
                                    attributes(PosixFilePermissions.fromString("rw-------")))
                            : Files.createTempFile(directory, FILE_NAME, ".tmp");
            try {
                Files.writeString(temporary, json, StandardCharsets.UTF_8);
                Files.move(
                        temporary,
                        file,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the signing keys to " + file, e);
        }
    }

    private static List<RSAKey> load(Path file) {
        try {
            if (POSIX) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (!permissions.equals(PosixFilePermissions.fromString("rw-------"))) {
                    log.warn(
                            "{} holds private keys but is {}; expected rw-------",
                            file,
                            PosixFilePermissions.toString(permissions));
                }
            }
            JWKSet set = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
            List<RSAKey> loaded = new ArrayList<>();
            for (JWK jwk : set.getKeys()) {
                if (!(jwk instanceof RSAKey rsa) || !rsa.isPrivate() || rsa.getKeyID() == null) {
                    throw new IllegalStateException(
                            file + ": every key must be a private RSA key with a kid");
                }
                loaded.add(rsa);
            }
            if (loaded.isEmpty()) {
                throw new IllegalStateException(file + " holds no keys");
            }
            return List.copyOf(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing keys from " + file, e);
        } catch (ParseException e) {
            // Refuse to start rather than replace the file: a new key would silently invalidate
            // every token already issued.
            throw new IllegalStateException(file + " is not a JWK set: " + e.getMessage(), e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .issueTime(new Date())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attributes(
            Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
