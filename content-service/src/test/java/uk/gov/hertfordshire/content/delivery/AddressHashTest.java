package uk.gov.hertfordshire.content.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Address hashes are keyed per day (feedback) or per listing (reports) from a secret no source
 * holds: alike where the service must compare them, unrelated everywhere else.
 */
class AddressHashTest {

    static final LocalDate MONDAY = LocalDate.of(2025, 3, 3);
    static final byte[] SECRET =
            "a secret only this database holds".getBytes(StandardCharsets.UTF_8);

    /** One instance, and another reading the same secret: a replica, or the service restarted. */
    private final AddressHash first = new AddressHash(() -> SECRET.clone());

    private final AddressHash restarted = new AddressHash(() -> SECRET.clone());

    @Test
    void oneClientHashesAlikeAllDayInEveryInstanceAndDifferentlyTheNextDay() {
        String monday = first.forFeedback("203.0.113.7", MONDAY);
        assertThat(restarted.forFeedback("203.0.113.7", MONDAY)).isEqualTo(monday);
        assertThat(first.forFeedback("203.0.113.7", MONDAY.plusDays(1))).isNotEqualTo(monday);
        assertThat(first.forFeedback("198.51.100.23", MONDAY)).isNotEqualTo(monday);
    }

    @Test
    void aReporterHashesAlikeForOneListingAndDifferentlyForAnother() {
        UUID listing = UUID.randomUUID();
        String reporter = first.forListingReport("203.0.113.21", listing);
        assertThat(restarted.forListingReport("203.0.113.21", listing)).isEqualTo(reporter);
        assertThat(first.forListingReport("203.0.113.21", UUID.randomUUID()))
                .isNotEqualTo(reporter);
        assertThat(reporter).isNotEqualTo(first.forFeedback("203.0.113.21", MONDAY));
    }

    @Test
    void anotherSecretGivesOtherHashes() {
        AddressHash other = new AddressHash(() -> "another database's secret".getBytes());
        assertThat(other.forFeedback("203.0.113.7", MONDAY))
                .isNotEqualTo(first.forFeedback("203.0.113.7", MONDAY));
    }

    @Test
    void theSecretIsReadOnceOnFirstUse() {
        AtomicInteger reads = new AtomicInteger();
        Supplier<byte[]> stored =
                () -> {
                    reads.incrementAndGet();
                    return SECRET.clone();
                };
        AddressHash hashes = new AddressHash(stored);
        assertThat(reads).hasValue(0);
        hashes.forFeedback("203.0.113.7", MONDAY);
        hashes.forListingReport("203.0.113.7", UUID.randomUUID());
        assertThat(reads).hasValue(1);
    }

    @Test
    void aShortConfiguredSecretIsRefusedBesideALongOne() {
        assertThatThrownBy(() -> new AddressHash(null, "x".repeat(31)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("platform.content.feedback.address-key");
        AddressHash configured = new AddressHash(null, "x".repeat(32));
        assertThat(configured.forFeedback("203.0.113.7", MONDAY)).hasSize(64);
    }

    /** The old hard-coded key, or any default given to the setting. */
    static final Pattern KEY_LITERAL =
            Pattern.compile("content-feedback-local-key|address-key\\s*[:=]\\s*[^}\\s]");

    @Test
    void noKeyIsWrittenInTheMainCodeOrItsSettings(@TempDir Path old) throws IOException {
        assertThat(keyLiterals(Path.of("src/main"))).isEmpty();
        assertThat(Path.of("src/main/resources/application.yml")).exists();
        assertThat(Path.of("src/main/java/uk/gov/hertfordshire/content/delivery/AddressHash.java"))
                .content()
                .contains("@Value(\"${platform.content.feedback.address-key:}\")");

        // The control: the scan finds the line the service had before.
        Files.writeString(
                old.resolve("AddressHash.java"),
                "@Value(\"${platform.content.feedback.address-key:content-feedback-local-key}\")");
        Files.writeString(
                old.resolve("application.yml"),
                "platform:\n  content:\n    feedback:\n      address-key: changeme\n");
        assertThat(keyLiterals(old)).hasSize(2);
    }

    private static List<String> keyLiterals(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .flatMap(
                            file -> {
                                try {
                                    return Files.readAllLines(file).stream()
                                            .filter(line -> KEY_LITERAL.matcher(line).find())
                                            .map(line -> file + ": " + line.strip());
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
