package uk.gov.hertfordshire.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file on its own, without Spring. */
class SigningKeysTest {

    @TempDir Path directory;

    @Test
    void theKeysAreCreatedOnceAndReadBackByTheNextStart() {
        SigningKeys created = new SigningKeys(directory.resolve("identity"));

        SigningKeys reloaded = new SigningKeys(directory.resolve("identity"));

        assertThat(reloaded.keyIds()).isEqualTo(created.keyIds()).hasSize(1);
        assertThat(reloaded.active().isPrivate()).isTrue();
        assertThat(reloaded.active().size()).isEqualTo(2048);
    }

    @Test
    void theKeyFileAndItsDirectoryAreForTheOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));

        SigningKeys keys = new SigningKeys(directory.resolve("identity"));
        keys.rotate();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.file())))
                .isEqualTo("rw-------");
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(keys.file().getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(keys.file().getParent())) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactly(SigningKeys.FILE_NAME); // no temporary file left behind
        }
    }

    @Test
    void aDamagedKeyFileStopsStartUpInsteadOfBeingReplaced() throws Exception {
        SigningKeys keys = new SigningKeys(directory);
        assertThat(new SigningKeys(directory).keyIds()).isEqualTo(keys.keyIds());
        Files.writeString(keys.file(), "{\"keys\": [");

        assertThatThrownBy(() -> new SigningKeys(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a JWK set");
        assertThat(Files.readString(keys.file())).isEqualTo("{\"keys\": [");
    }

    @Test
    void aKeyFileWithoutPrivateKeysIsRefused() throws Exception {
        SigningKeys keys = new SigningKeys(directory);
        Files.writeString(
                keys.file(), "{\"keys\":[" + keys.active().toPublicJWK().toJSONString() + "]}");

        assertThatThrownBy(() -> new SigningKeys(directory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("private RSA key");
    }
}
