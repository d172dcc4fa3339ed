package uk.gov.hertfordshire.care.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CareKeys#reloadIfChanged()}: a changed key file is taken up, an unchanged one is not read
 * again, and a changed one that cannot be used leaves the keys as they were. Each refusal beside
 * the change that is taken up.
 */
class CareKeysReloadTest {

    @TempDir Path folder;

    Path file;
    CareKeys keys;
    String first;
    byte[] sealedUnderFirst;

    @BeforeEach
    void keys() throws Exception {
        file = folder.resolve("keys.properties");
        keys = CareKeys.load(file, true);
        first = keys.activeKeyId();
        sealedUnderFirst = new FieldCipher(keys).seal("a reason", "decision:x:proposed");
    }

    @Test
    void anUnchangedFileIsNotReloadedAndAChangedOneIs() throws Exception {
        assertThat(keys.reloadIfChanged()).isFalse();
        assertThat(keys.activeKeyId()).isEqualTo(first);

        String next = KeyFiles.newKeyId();
        KeyFiles.addActiveKey(file, next);

        assertThat(keys.reloadIfChanged()).isTrue();
        assertThat(keys.activeKeyId()).isEqualTo(next);
        assertThat(FieldCipher.keyIdOf(new FieldCipher(keys).seal("x", "r"))).isEqualTo(next);
        assertThat(keys.reloadIfChanged()).as("the same change is read once").isFalse();
    }

    @Test
    void aChangedFileThatDoesNotParseKeepsTheKeysUntilItIsPutRight() throws Exception {
        KeyFiles.edit(file, properties -> properties.setProperty("active", "nowhere"));

        assertThat(keys.reloadIfChanged()).isFalse();
        assertThat(keys.activeKeyId()).isEqualTo(first);
        assertThat(new FieldCipher(keys).open(sealedUnderFirst, "decision:x:proposed"))
                .isEqualTo("a reason");

        String next = KeyFiles.newKeyId();
        KeyFiles.addActiveKey(file, next); // the file put right, with a new key made active

        assertThat(keys.reloadIfChanged()).isTrue();
        assertThat(keys.activeKeyId()).isEqualTo(next);
    }

    @Test
    void aChangedLookupKeyIsRefusedAndTheKeysStay() throws Exception {
        String[] lookup = new String[1];
        KeyFiles.edit(
                file,
                properties -> {
                    lookup[0] = properties.getProperty("lookup");
                    properties.setProperty("key.other", CareKeys.newKey());
                    properties.setProperty("active", "other");
                    properties.setProperty("lookup", CareKeys.newKey());
                });

        assertThat(keys.reloadIfChanged()).isFalse();
        assertThat(keys.activeKeyId()).isEqualTo(first);

        KeyFiles.edit(file, properties -> properties.setProperty("lookup", lookup[0]));

        assertThat(keys.reloadIfChanged()).as("the same change, lookup key kept").isTrue();
        assertThat(keys.activeKeyId()).isEqualTo("other");
    }

    @Test
    void aMissingFileKeepsTheKeysAndItsReturnIsTakenUp() throws Exception {
        Path aside = folder.resolve("aside.properties");
        Files.move(file, aside);

        assertThat(keys.reloadIfChanged()).isFalse();
        assertThat(keys.activeKeyId()).isEqualTo(first);

        Files.move(aside, file);
        String next = KeyFiles.newKeyId();
        KeyFiles.addActiveKey(file, next);

        assertThat(keys.reloadIfChanged()).isTrue();
        assertThat(keys.activeKeyId()).isEqualTo(next);
    }
}
